using System.Security.Cryptography;
using System.Text;

namespace Switchyard.Shared.Keys;

/// <summary>
/// Seals provider secrets inside config snapshots with AES-256-GCM under a key derived (HKDF-SHA256) from the
/// node secret that control plane and nodes share. Format: base64(nonce[12] | tag[16] | ciphertext).
/// Part of the snapshot contract: a snapshot on a node's disk holds only sealed secrets.
/// </summary>
public sealed class SecretSealer
{
    private static readonly byte[] Info = "switchyard/snapshot-credentials/v1"u8.ToArray();
    private readonly byte[] _key;

    public SecretSealer(string nodeSecret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeSecret);
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(nodeSecret), 32, salt: [], info: Info);
    }

    public string Seal(string secret)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var output = new byte[12 + 16 + plain.Length];
        var nonce = output.AsSpan(0, 12);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, 16);
        aes.Encrypt(nonce, plain, output.AsSpan(28), output.AsSpan(12, 16));
        return Convert.ToBase64String(output);
    }

    /// <exception cref="CryptographicException">The value was not sealed with this node secret or was altered.</exception>
    public string Unseal(string sealedSecret)
    {
        var input = Convert.FromBase64String(sealedSecret);
        if (input.Length < 28)
        {
            throw new CryptographicException("Sealed secret is too short.");
        }

        var plain = new byte[input.Length - 28];
        using var aes = new AesGcm(_key, 16);
        aes.Decrypt(input.AsSpan(0, 12), input.AsSpan(28), input.AsSpan(12, 16), plain);
        return Encoding.UTF8.GetString(plain);
    }
}
