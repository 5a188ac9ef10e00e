namespace Switchyard.ControlPlane.Infrastructure.DataProtection;

/// <summary>
/// The key-encryption key (KEK) that encrypts the Data Protection key ring at rest (section <c>DataProtection</c>).
/// The key ring lives in the control plane's database beside the provider credentials it protects; with a KEK, a copy
/// of the database alone (a backup, a replica, a leaked dump) does not reveal the credentials. Give the current KEK as
/// a value or as a file readable by its owner only; during a rotation the previous one still decrypts until the next
/// start has re-encrypted every key with the current one. Required with <c>Database:Provider=Postgres</c>.
/// </summary>
public sealed class KeyRingProtectionOptions
{
    public const string Section = "DataProtection";

    /// <summary>At least 32 characters of random text (e.g. <c>openssl rand -base64 32</c>).</summary>
    public string? KeyEncryptionKey { get; set; }

    /// <summary>A file (mode 0600) holding the key; preferred over <see cref="KeyEncryptionKey"/> (no secret in the environment).</summary>
    public string? KeyEncryptionKeyFile { get; set; }

    /// <summary>The key being rotated out: still decrypts, never encrypts.</summary>
    public string? PreviousKeyEncryptionKey { get; set; }

    /// <summary>File form of <see cref="PreviousKeyEncryptionKey"/>.</summary>
    public string? PreviousKeyEncryptionKeyFile { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(KeyEncryptionKey) || !string.IsNullOrWhiteSpace(KeyEncryptionKeyFile);
}
