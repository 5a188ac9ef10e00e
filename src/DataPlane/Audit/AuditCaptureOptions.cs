using System.ComponentModel.DataAnnotations;

namespace Switchyard.DataPlane.Audit;

/// <summary>How the node captures request and response bodies for tenants audited in <c>full</c> mode (section "DataPlane:Audit").</summary>
public sealed class AuditCaptureOptions
{
    public const string Section = "DataPlane:Audit";

    /// <summary>
    /// The most bytes of each body (request and response) an audit entry keeps; the rest is cut (the entry still carries
    /// the whole body's size and SHA-256). 0 keeps no bodies even in full mode.
    /// </summary>
    [Range(0, 1024 * 1024, ErrorMessage = "DataPlane:Audit:MaxBodyBytes must be between 0 and 1048576.")]
    public int MaxBodyBytes { get; set; } = 16 * 1024;
}
