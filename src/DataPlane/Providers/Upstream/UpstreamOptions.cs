using System.ComponentModel.DataAnnotations;

namespace Switchyard.DataPlane.Providers.Upstream;

/// <summary>How the node talks to providers (section "DataPlane").</summary>
public sealed class UpstreamOptions
{
    public const string Section = "DataPlane";

    /// <summary>Upstream activity timeout: the longest silence tolerated from a provider, before its headers and between reads.</summary>
    [Range(1, 3600, ErrorMessage = "DataPlane:UpstreamTimeoutSeconds must be between 1 and 3600.")]
    public double UpstreamTimeoutSeconds { get; set; } = 300;
}
