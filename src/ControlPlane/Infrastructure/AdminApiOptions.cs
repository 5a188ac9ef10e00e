using System.ComponentModel.DataAnnotations;

namespace Switchyard.ControlPlane.Infrastructure;

public sealed class AdminApiOptions
{
    public const string Section = "AdminApi";

    /// <summary>
    /// Largest request body the admin API (<c>/api</c>, <c>/internal</c>) reads; larger ones answer 413. The gateway's own
    /// limit (<c>DataPlane:MaxRequestBodyBytes</c>) and the portal are not affected.
    /// </summary>
    [Range(1024, 64L * 1024 * 1024, ErrorMessage = "AdminApi:MaxRequestBodyBytes must be between 1024 and 67108864.")]
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;
}
