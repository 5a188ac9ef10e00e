using System.ComponentModel.DataAnnotations;

namespace Switchyard.DataPlane.Configuration;

/// <summary>Where the node gets its config snapshot, how often it checks, and how stale it may get (section "DataPlane").</summary>
public sealed class SnapshotSyncOptions : IValidatableObject
{
    public const string Section = "DataPlane";

    /// <summary>Absolute base URL of the control plane (snapshot and revision endpoints).</summary>
    [Required(ErrorMessage = "DataPlane:ControlPlaneUrl is required.")]
    public string ControlPlaneUrl { get; set; } = "";

    /// <summary>Secret shared with the control plane: bearer token for internal routes and key for sealed credentials.</summary>
    [Required(ErrorMessage = "DataPlane:NodeSecret is required.")]
    [MinLength(32, ErrorMessage = "DataPlane:NodeSecret must be at least 32 characters.")]
    public string NodeSecret { get; set; } = "";

    [Range(1, 3600, ErrorMessage = "DataPlane:RevisionPollSeconds must be between 1 and 3600.")]
    public double RevisionPollSeconds { get; set; } = 10;

    /// <summary>
    /// Longest time the node may go without confirming with the control plane that its snapshot is current (by a
    /// revision check or a fetch) before it reports not-ready; 0 = no limit. See <see cref="RefuseWhenStale"/>.
    /// </summary>
    [Range(0, 31_536_000, ErrorMessage = "DataPlane:MaxSnapshotAgeSeconds must be between 0 (no limit) and 31536000.")]
    public double MaxSnapshotAgeSeconds { get; set; } = 900;

    /// <summary>Past <see cref="MaxSnapshotAgeSeconds"/>, also refuse gateway requests (503) instead of serving a stale snapshot.</summary>
    public bool RefuseWhenStale { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(ControlPlaneUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            yield return new ValidationResult("DataPlane:ControlPlaneUrl must be an absolute http(s) URL.", [nameof(ControlPlaneUrl)]);
        }
    }
}
