using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.DataProtection;
using Switchyard.ControlPlane.Infrastructure.Jobs;

namespace Switchyard.ControlPlane.Infrastructure.Startup;

/// <summary>
/// Runs before the bus and the job server start: makes a SQLite database file private, applies migrations
/// (<c>Database:MigrateOnStart</c>), then every <see cref="IStartupStep"/> the slices registered, in registration order
/// (the key ring's re-encryption first). A failure stops the process with its message.
/// </summary>
internal sealed class StartupInitializer(IServiceScopeFactory scopes, IOptions<DatabaseOptions> database, JobsSchema jobsSchema) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        SqliteFileProtection.Apply(scope.ServiceProvider.GetRequiredService<ControlPlaneDbContext>());
        if (database.Value.MigrateOnStart)
        {
            await scope.ServiceProvider.GetRequiredService<ControlPlaneDbContext>().Database.MigrateAsync(cancellationToken);
            await jobsSchema.InstallAsync(cancellationToken);
        }

        foreach (var step in scope.ServiceProvider.GetServices<IStartupStep>())
        {
            await step.RunAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
