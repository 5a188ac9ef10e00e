using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Features.AdminKeys;
using Switchyard.ControlPlane.Features.Config;
using Switchyard.ControlPlane.Features.Demo;
using Switchyard.ControlPlane.Features.Members;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.DataProtection;
using Switchyard.ControlPlane.Infrastructure.Jobs;

namespace Switchyard.ControlPlane.Infrastructure.Startup;

/// <summary>
/// Runs before the bus and the job server start: makes a SQLite database file private, applies migrations
/// (<c>Database:MigrateOnStart</c>), brings the Data Protection key ring under the current key-encryption key, makes sure
/// revision 1 exists, bootstraps the admin key and seeds the demo. A failure stops the process with its message.
/// </summary>
internal sealed class StartupInitializer(
    IServiceScopeFactory scopes, IOptions<DatabaseOptions> database, JobsSchema jobsSchema, KeyRingRewrapper keyRing, AdminKeyBootstrapper adminKeys,
    DemoSeeder demo, TimeProvider time)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ControlPlaneDbContext>();
        SqliteFileProtection.Apply(db);
        if (database.Value.MigrateOnStart)
        {
            await db.Database.MigrateAsync(cancellationToken);
            await jobsSchema.InstallAsync(cancellationToken);
        }

        await keyRing.RewrapAsync(db, cancellationToken);

        await EnsureFirstRevisionAsync(db, cancellationToken);
        await adminKeys.EnsureAsync(db, cancellationToken);
        await demo.SeedAsync(db, scope.ServiceProvider.GetRequiredService<UserManager<Member>>(), cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task EnsureFirstRevisionAsync(ControlPlaneDbContext db, CancellationToken cancellationToken)
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
