using System.ComponentModel.DataAnnotations;

namespace Switchyard.DataPlane.Pipeline;

/// <summary>Limits on what a caller may send (section "DataPlane").</summary>
public sealed class GatewayRequestOptions
{
    public const string Section = "DataPlane";

    [Range(1024, 1L << 30, ErrorMessage = "DataPlane:MaxRequestBodyBytes must be between 1 KiB and 1 GiB.")]
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;
}
