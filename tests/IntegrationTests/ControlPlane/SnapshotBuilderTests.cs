using Microsoft.Extensions.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Switchyard.ControlPlane.Features.Config;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.IntegrationTests.ControlPlane;

/// <summary>Snapshot builds on PostgreSQL racing another writer of the revision's hash (the publisher, a node's fetch).</summary>
public sealed class SnapshotBuilderTests
{
    [Fact]
    public async Task Build_AnotherTransactionStoresTheRevisionHashMeanwhile_BuiltAgainInsteadOfFailing()
    {
        await using var host = await PostgresControlPlaneHost.StartAsync();
        await host.WaitUntilPublishedAsync();
        var revision = await host.WithDbAsync(db => db.ConfigRevisions.MaxAsync(r => r.Revision));
        await host.WithDbAsync(db => db.ConfigRevisions.Where(r => r.Revision == revision).ExecuteUpdateAsync(s => s.SetProperty(r => r.Hash, "stale")));
        var connectionString = host.App.Services.GetRequiredService<IConfiguration>().GetConnectionString("ControlPlane");

        // Another writer holds the revision row (uncommitted) while the build reads, then commits once the build waits on it:
        // the build's repeatable-read update fails with 40001 and must be run again.
        await using var other = new NpgsqlConnection(connectionString);
        await other.OpenAsync();
        await using var transaction = await other.BeginTransactionAsync();
        await using (var update = new NpgsqlCommand("""UPDATE "ConfigRevisions" SET "Hash" = 'other' WHERE "Revision" = @r""", other, transaction))
        {
            update.Parameters.AddWithValue("r", revision);
            await update.ExecuteNonQueryAsync();
        }

        await using var scope = host.App.Services.CreateAsyncScope();
        var build = scope.ServiceProvider.GetRequiredService<SnapshotBuilder>().BuildAsync(scope.ServiceProvider.GetRequiredService<ControlPlaneDbContext>(), CancellationToken.None);
        await WaitForALockWaitAsync(connectionString!);
        await transaction.CommitAsync();

        var built = await build;

        Assert.Equal(revision, built.Revision);
        Assert.Equal(built.Hash, await host.WithDbAsync(db => db.ConfigRevisions.Where(r => r.Revision == revision).Select(r => r.Hash).SingleAsync()));
    }

    private static async Task WaitForALockWaitAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT count(*) FROM pg_locks WHERE NOT granted", connection);
        for (var i = 0; i < 600; i++)
        {
            if ((long)(await query.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The build never waited on the revision row.");
    }
}
