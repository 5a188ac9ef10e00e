using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Switchyard.ControlPlane.Infrastructure.Database;

/// <summary>Lets dotnet-ef build the PostgreSQL context without a server (migrations need no connection).</summary>
internal sealed class DesignTimePostgresContextFactory : IDesignTimeDbContextFactory<PostgresControlPlaneDbContext>
{
    public PostgresControlPlaneDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresControlPlaneDbContext>().UseNpgsql("Host=127.0.0.1;Database=switchyard").Options,
            new TenantScope(), new ConfigChangeSignal(), TimeProvider.System);
}
