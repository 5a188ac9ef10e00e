using System.ComponentModel.DataAnnotations;

namespace Switchyard.DataPlane.Routing;

/// <summary>Routing and deployment health on the node (section "DataPlane:Routing").</summary>
public sealed class RoutingOptions
{
    public const string Section = "DataPlane:Routing";

    /// <summary>How often the node reports its deployments' health (breaker, cooldown, latency, in flight) over the bus.</summary>
    [Range(1, 3600, ErrorMessage = "DataPlane:Routing:HealthReportSeconds must be between 1 and 3600.")]
    public int HealthReportSeconds { get; set; } = 5;
}
