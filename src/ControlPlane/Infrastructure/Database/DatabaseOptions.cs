using System.ComponentModel.DataAnnotations;

namespace Switchyard.ControlPlane.Infrastructure.Database;

public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string ConnectionStringName = "ControlPlane";
    public const string DefaultSqliteConnectionString = "Data Source=switchyard-controlplane.db";

    /// <summary>"Sqlite" (embedded default) or "Postgres".</summary>
    [Required]
    [RegularExpression("^(Sqlite|Postgres)$", ErrorMessage = "Database:Provider must be Sqlite or Postgres.")]
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Apply pending migrations when the process starts.</summary>
    public bool MigrateOnStart { get; set; } = true;

    public bool IsPostgres => Provider == "Postgres";
}
