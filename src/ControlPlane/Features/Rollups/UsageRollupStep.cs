using Switchyard.ControlPlane.Features.Usage;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Rollups;

/// <summary>Keeps the hourly rollups equal to the ledger: adds each newly stored record once, in the inserting transaction.</summary>
public sealed class UsageRollupStep : IUsageIngestStep
{
    public Task OnStoredAsync(ControlPlaneDbContext db, IReadOnlyList<UsageRecordEntity> stored, CancellationToken cancellationToken) =>
        RollupWriter.AddAsync(db, stored, cancellationToken);
}
