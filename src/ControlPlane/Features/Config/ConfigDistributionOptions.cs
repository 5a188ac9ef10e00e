using System.ComponentModel.DataAnnotations;

namespace Switchyard.ControlPlane.Features.Config;

public sealed class ConfigDistributionOptions
{
    public const string Section = "ConfigDistribution";

    /// <summary>
    /// The snapshot publisher builds and announces at most once per this many milliseconds: the first change after a quiet
    /// spell goes out at once, a burst of changes (300 key creations) goes out as a few snapshots that always end with the
    /// latest revision. Kept well under the 2 s in which a change must reach every node.
    /// </summary>
    [Range(0, 1000, ErrorMessage = "ConfigDistribution:CoalesceMs must be between 0 and 1000.")]
    public int CoalesceMs { get; set; } = 250;
}
