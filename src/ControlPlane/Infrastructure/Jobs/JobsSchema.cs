using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;
using Npgsql;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Infrastructure.Jobs;

/// <summary>
/// Installs (or upgrades) Hangfire's PostgreSQL schema as part of the start-up migration step, once the database
/// exists. Hangfire's own install-at-construction would run before the migrations have created the database and
/// retry for about 30 s on a fresh one.
/// </summary>
public sealed class JobsSchema(IOptions<JobsOptions> options, IConfiguration configuration)
{
    public async Task InstallAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Storage != "Postgres")
        {
            return;
        }

        await using var connection = new NpgsqlConnection(configuration.GetConnectionString(DatabaseOptions.ConnectionStringName));
        await connection.OpenAsync(cancellationToken);
        PostgreSqlObjectsInstaller.Install(connection);
    }
}
