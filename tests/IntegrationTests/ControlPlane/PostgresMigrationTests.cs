using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.IntegrationTests.ControlPlane;

/// <summary>Migrations that rewrite existing rows, run against a PostgreSQL database holding what the version before wrote.</summary>
public sealed class PostgresMigrationTests
{
    [Fact]
    public async Task Migrate_TeamsClashingInCaseFromBefore_OldestKeepsFoldedNameOthersGetTheirId()
    {
        await using var db = new PostgresControlPlaneDbContext(
            new DbContextOptionsBuilder<PostgresControlPlaneDbContext>()
                .UseNpgsql(TestServices.PostgresDatabase("sy_it_" + Guid.NewGuid().ToString("N")[..12])).Options,
            new TenantScope(), new ConfigChangeSignal(), TimeProvider.System);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync("ScimNamesSsoCodesCostParts");
        try
        {
            // Teams as the version before wrote them (names unique only as written), without a tenant row behind them.
            await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "Teams" DROP CONSTRAINT "FK_Teams_Tenants_TenantId";""");
            var tenant = Guid.CreateVersion7();
            // Ids made in one millisecond are not in order: sorted as the database orders them (their text), the first is the one
            // the migration lets keep its folded name.
            Guid[] ids = [.. new[] { Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7() }.OrderBy(id => id.ToString(), StringComparer.Ordinal), Guid.CreateVersion7()];
            string[] names = ["Ärzte", "ÄRZTE", "ärzte", "Ads"];
            for (var i = 0; i < ids.Length; i++)
            {
                await db.Database.ExecuteSqlAsync(
                    $"""INSERT INTO "Teams" ("Id", "TenantId", "Name", "CreatedAt") VALUES ({ids[i]}, {tenant}, {names[i]}, now())""");
            }

            await migrator.MigrateAsync();

            var normalized = await db.Teams.IgnoreQueryFilters().AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.NormalizedName);
            Assert.Equal("ÄRZTE", normalized[ids[0]]);
            Assert.Equal($"ÄRZTE {ids[1]}", normalized[ids[1]]);
            Assert.Equal($"ÄRZTE {ids[2]}", normalized[ids[2]]);
            Assert.Equal("ADS", normalized[ids[3]]);
        }
        finally
        {
            await db.Database.EnsureDeletedAsync();
        }
    }
}
