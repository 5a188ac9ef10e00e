using System.ComponentModel.DataAnnotations;

namespace Switchyard.ControlPlane.Features.Audit;

public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>Audit entries older than this are purged, for tenants whose audit settings name no retention of their own.</summary>
    [Range(1, 36500, ErrorMessage = "Audit:RetentionDays must be between 1 and 36500.")]
    public int RetentionDays { get; set; } = 365;
}
