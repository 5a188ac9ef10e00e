using Microsoft.EntityFrameworkCore;

namespace Switchyard.ControlPlane.Infrastructure.Database;

/// <summary>The SQLite flavour (embedded mode). Migrations: Infrastructure/Migrations/Sqlite.</summary>
public sealed class SqliteControlPlaneDbContext(
    DbContextOptions<SqliteControlPlaneDbContext> options, TenantScope scope, ConfigChangeSignal signal, TimeProvider time)
    : ControlPlaneDbContext(options, scope, signal, time)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }
}
