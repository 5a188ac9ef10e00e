using System.ComponentModel.DataAnnotations;

namespace Switchyard.ControlPlane.Infrastructure.Jobs;

public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>"InMemory" (embedded default) or "Postgres" (uses ConnectionStrings:ControlPlane).</summary>
    [Required]
    [RegularExpression("^(InMemory|Postgres)$", ErrorMessage = "Jobs:Storage must be InMemory or Postgres.")]
    public string Storage { get; set; } = "InMemory";
}
