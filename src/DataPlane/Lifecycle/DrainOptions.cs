using System.ComponentModel.DataAnnotations;

namespace Switchyard.DataPlane.Lifecycle;

/// <summary>The node's graceful stop (section "DataPlane").</summary>
public sealed class DrainOptions
{
    public const string Section = "DataPlane";

    /// <summary>On SIGTERM, how long the node waits for requests and streams in flight before it stops.</summary>
    [Range(0, 3600, ErrorMessage = "DataPlane:DrainTimeoutSeconds must be between 0 and 3600.")]
    public double DrainTimeoutSeconds { get; set; } = 120;
}
