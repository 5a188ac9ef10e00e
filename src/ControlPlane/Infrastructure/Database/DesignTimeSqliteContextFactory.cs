using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Switchyard.ControlPlane.Infrastructure.Database;

/// <summary>Lets dotnet-ef build the SQLite context without starting the host.</summary>
internal sealed class DesignTimeSqliteContextFactory : IDesignTimeDbContextFactory<SqliteControlPlaneDbContext>
{
    public SqliteControlPlaneDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteControlPlaneDbContext>().UseSqlite(DatabaseOptions.DefaultSqliteConnectionString).Options,
            new TenantScope(), new ConfigChangeSignal(), TimeProvider.System);
}
