using Microsoft.EntityFrameworkCore;

namespace Switchyard.ControlPlane.Infrastructure.Database;

/// <summary>The PostgreSQL flavour (distributed mode). Migrations: Infrastructure/Migrations/Postgres.</summary>
public sealed class PostgresControlPlaneDbContext(
    DbContextOptions<PostgresControlPlaneDbContext> options, TenantScope scope, ConfigChangeSignal signal, TimeProvider time)
    : ControlPlaneDbContext(options, scope, signal, time)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcNormalizingConverter>();
    }
}
