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
}
