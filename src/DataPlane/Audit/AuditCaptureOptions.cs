using System.ComponentModel.DataAnnotations;

namespace Switchyard.DataPlane.Audit;

/// <summary>How the node captures request and response bodies for tenants audited in <c>full</c> mode (section "DataPlane:Audit").</summary>
public sealed class AuditCaptureOptions : IValidatableObject
{
    public const string Section = "DataPlane:Audit";

    /// <summary>The length of <see cref="SpoolKey"/> in bytes (AES-256).</summary>
    public const int SpoolKeyBytes = 32;

    /// <summary>
    /// The most bytes of each body (request and response) an audit entry keeps; the rest is cut (the entry still carries
    /// the whole body's size and SHA-256). 0 keeps no bodies even in full mode.
    /// </summary>
    [Range(0, 1024 * 1024, ErrorMessage = "DataPlane:Audit:MaxBodyBytes must be between 0 and 1048576.")]
    public int MaxBodyBytes { get; set; } = 16 * 1024;

    /// <summary>
    /// The key (base64 of 32 random bytes) that encrypts records carrying audit bodies in the node's usage spool
    /// (AES-256-GCM), until they are published. When it is not set and <see cref="MaxBodyBytes"/> is above 0, the node
    /// generates one in its data directory (<c>audit-spool.key</c>, 0600) and keeps it. To rotate it, put the old key in
    /// <see cref="PreviousSpoolKeys"/> until the spool has been published.
    /// </summary>
    public string? SpoolKey { get; set; }

    /// <summary>
    /// Keys (base64 of 32 bytes each) that only open spool lines sealed before a rotation; new lines are always sealed under
    /// the current key. Remove an old key once the lines it sealed have been published.
    /// </summary>
    public List<string> PreviousSpoolKeys { get; set; } = [];

    /// <summary>The key's bytes, or null when none is set (checked at start).</summary>
    public byte[]? SpoolKeyBytesOrNull() => string.IsNullOrWhiteSpace(SpoolKey) ? null : Convert.FromBase64String(SpoolKey.Trim());

    /// <summary>The previous keys' bytes, blank entries left out (checked at start).</summary>
    public byte[][] PreviousSpoolKeyBytes() => [.. PreviousSpoolKeys.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => Convert.FromBase64String(k.Trim()))];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(SpoolKey) && !IsKey(SpoolKey))
        {
            yield return new ValidationResult("DataPlane:Audit:SpoolKey must be the base64 of exactly 32 bytes (e.g. `openssl rand -base64 32`).", [nameof(SpoolKey)]);
        }

        for (var i = 0; i < PreviousSpoolKeys.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(PreviousSpoolKeys[i]) && !IsKey(PreviousSpoolKeys[i]))
            {
                yield return new ValidationResult($"DataPlane:Audit:PreviousSpoolKeys:{i} must be the base64 of exactly 32 bytes.", [nameof(PreviousSpoolKeys)]);
            }
        }
    }

    private static bool IsKey(string value)
    {
        try
        {
            return Convert.FromBase64String(value.Trim()).Length == SpoolKeyBytes;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
