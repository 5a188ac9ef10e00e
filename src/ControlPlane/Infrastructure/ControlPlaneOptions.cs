using System.ComponentModel.DataAnnotations;

namespace Switchyard.ControlPlane.Infrastructure;

public sealed class ControlPlaneOptions
{
    public const string Section = "ControlPlane";

    /// <summary>
    /// Shared with every data-plane node: nodes present it as a bearer token on /internal, and provider secrets in the
    /// snapshot are sealed with a key derived from it.
    /// </summary>
    [Required(ErrorMessage = "ControlPlane:NodeSecret is required (at least 32 characters, shared with the data-plane nodes).")]
    [MinLength(32, ErrorMessage = "ControlPlane:NodeSecret must be at least 32 characters.")]
    public string NodeSecret { get; set; } = "";
}
