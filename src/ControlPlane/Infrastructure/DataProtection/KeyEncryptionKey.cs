using System.Security.Cryptography;
using System.Text;

namespace Switchyard.ControlPlane.Infrastructure.DataProtection;

/// <summary>
/// An AES-256 key-encryption key derived (HKDF-SHA256) from the configured secret text, with a short public id that
/// names it in every element it encrypts (so the right key is picked when decrypting, and rotation can find what is left).
/// </summary>
public sealed class KeyEncryptionKey
{
    public const int MinimumSecretLength = 32;

    private static readonly byte[] KeyInfo = "Switchyard.DataProtection.KeyRing.KEK.v1"u8.ToArray();
    private static readonly byte[] IdInfo = "Switchyard.DataProtection.KeyRing.KEK-id.v1"u8.ToArray();

    private KeyEncryptionKey(string id, byte[] key)
    {
        Id = id;
        Key = key;
    }

    /// <summary>16 hex characters; not secret.</summary>
    public string Id { get; }

    internal byte[] Key { get; }

    public static KeyEncryptionKey FromSecret(string secret)
    {
        var trimmed = secret.Trim();
        if (trimmed.Length < MinimumSecretLength)
        {
            throw new ArgumentException($"A key-encryption key needs at least {MinimumSecretLength} characters.", nameof(secret));
        }

        var material = Encoding.UTF8.GetBytes(trimmed);
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, material, 32, salt: null, info: KeyInfo);
        var id = Convert.ToHexStringLower(HKDF.DeriveKey(HashAlgorithmName.SHA256, material, 8, salt: null, info: IdInfo));
        return new KeyEncryptionKey(id, key);
    }
}
