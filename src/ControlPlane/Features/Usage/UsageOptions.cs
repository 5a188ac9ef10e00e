using System.ComponentModel.DataAnnotations;

namespace Switchyard.ControlPlane.Features.Usage;

public sealed class UsageOptions
{
    public const string Section = "Usage";

    /// <summary>Usage records older than this are purged by the retention job.</summary>
    [Range(1, 36500, ErrorMessage = "Usage:RetentionDays must be between 1 and 36500.")]
    public int RetentionDays { get; set; } = 400;
}
