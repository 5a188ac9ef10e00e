using System.ComponentModel.DataAnnotations;

namespace Switchyard.ControlPlane.Features.Usage;

public sealed class UsageOptions
{
    public const string Section = "Usage";

    /// <summary>Usage records older than this are purged by the retention job.</summary>
    [Range(1, 36500, ErrorMessage = "Usage:RetentionDays must be between 1 and 36500.")]
    public int RetentionDays { get; set; } = 400;

    /// <summary>
    /// Longest pause between the attempts to store a faulted usage batch as a dead letter once the database is back
    /// (they back off exponentially from 1 s up to this, 20 attempts).
    /// </summary>
    [Range(1, 3600, ErrorMessage = "Usage:FaultRetryMaxSeconds must be between 1 and 3600.")]
    public int FaultRetryMaxSeconds { get; set; } = 300;
}
