using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Tests.Infrastructure.Database;

public sealed class MigrationsTests
{
    [Fact]
    public void SqliteMigrations_MatchModel_NoPendingChanges()
    {
        using var db = new SqliteControlPlaneDbContext(
            new DbContextOptionsBuilder<SqliteControlPlaneDbContext>().UseSqlite("Data Source=:memory:").Options,
            new TenantScope(), new ConfigChangeSignal(), TimeProvider.System);

        Assert.False(db.Database.HasPendingModelChanges());
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void PostgresMigrations_MatchModelAndUseNoSqliteTypes()
    {
        using var db = new PostgresControlPlaneDbContext(
            new DbContextOptionsBuilder<PostgresControlPlaneDbContext>().UseNpgsql("Host=127.0.0.1;Database=unused").Options,
            new TenantScope(), new ConfigChangeSignal(), TimeProvider.System);

        Assert.False(db.Database.HasPendingModelChanges());
        var migrations = db.GetService<IMigrationsAssembly>().Migrations;
        Assert.NotEmpty(migrations);
        var script = db.GetService<IMigrator>().GenerateScript();
        Assert.DoesNotContain("INTEGER", script, StringComparison.Ordinal);
        Assert.Contains("timestamp with time zone", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Migrate_TeamsClashingInCaseFromBefore_OldestKeepsFoldedNameOthersGetTheirId()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var db = new SqliteControlPlaneDbContext(
            new DbContextOptionsBuilder<SqliteControlPlaneDbContext>().UseSqlite(connection).Options,
            new TenantScope(), new ConfigChangeSignal(), TimeProvider.System);
        var migrator = db.GetService<IMigrator>();
        migrator.Migrate("ScimNamesSsoCodesCostParts");

        // Teams as the version before wrote them: names unique only as written.
        var tenant = Guid.CreateVersion7();
        // Ids made in one millisecond are not in order: sorted as the database orders them (their text), the first is the one
        // the migration lets keep its folded name.
        Guid[] ids = [.. new[] { Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7() }.OrderBy(id => id.ToString(), StringComparer.Ordinal), Guid.CreateVersion7()];
        string[] names = ["Search", "SEARCH", "search", "Ads"];
        Execute(connection, "PRAGMA foreign_keys = OFF;");
        for (var i = 0; i < ids.Length; i++)
        {
            Execute(connection, $"""INSERT INTO "Teams" ("Id", "TenantId", "Name", "CreatedAt") VALUES ('{ids[i].ToString().ToUpperInvariant()}', '{tenant.ToString().ToUpperInvariant()}', '{names[i]}', 0);""");
        }

        migrator.Migrate();

        var normalized = db.Teams.IgnoreQueryFilters().AsNoTracking().ToDictionary(t => t.Id, t => t.NormalizedName);
        Assert.Equal("SEARCH", normalized[ids[0]]);
        Assert.Equal($"SEARCH {ids[1].ToString().ToUpperInvariant()}", normalized[ids[1]]);
        Assert.Equal($"SEARCH {ids[2].ToString().ToUpperInvariant()}", normalized[ids[2]]);
        Assert.Equal("ADS", normalized[ids[3]]);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
