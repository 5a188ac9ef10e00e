using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Startup;

namespace Switchyard.ControlPlane.Features.Config;

/// <summary>Start-up: makes sure config revision 1 exists, so there is always a snapshot to serve.</summary>
internal sealed class FirstRevisionStep(ControlPlaneDbContext db, TimeProvider time) : IStartupStep
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (await db.ConfigRevisions.AnyAsync(cancellationToken))
        {
            return;
        }

        db.ConfigRevisions.Add(new ConfigRevision { Revision = 1, CreatedAt = time.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // Another control plane created it at the same moment.
            db.ChangeTracker.Clear();
        }
    }
}
