using System.Security.Cryptography;
using System.Text;

namespace Switchyard.Shared.Keys;

/// <summary>
/// The one definition of how a virtual key is stored and looked up: lowercase hex SHA-256 of its UTF-8 bytes.
/// Keys carry 256 bits of randomness, so a fast hash is the right tool (as for GitHub or Stripe tokens).
/// Part of the snapshot contract: the control plane writes it, the data plane looks keys up by it.
/// </summary>
public static class VirtualKeyHash
{
    /// <summary>Every virtual key starts with this.</summary>
    public const string Prefix = "sk-sy-";

    /// <summary>How many leading characters of a key are kept for display.</summary>
    public const int DisplayLength = 12;

    /// <summary>Length of <see cref="Compute(ReadOnlySpan{char})"/>'s result in characters.</summary>
    public const int HashLength = SHA256.HashSizeInBytes * 2;

    public static string Compute(ReadOnlySpan<char> key)
    {
        Span<char> hash = stackalloc char[HashLength];
        Compute(key, hash);
        return new string(hash);
    }

    /// <summary>Writes the hash into <paramref name="destination"/> (at least <see cref="HashLength"/> chars): no allocation.</summary>
    public static void Compute(ReadOnlySpan<char> key, Span<char> destination)
    {
        Span<byte> utf8 = key.Length <= 256 ? stackalloc byte[key.Length * 3] : new byte[Encoding.UTF8.GetMaxByteCount(key.Length)];
        var length = Encoding.UTF8.GetBytes(key, utf8);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..length], digest);
        Convert.TryToHexStringLower(digest, destination, out _);
    }

    /// <summary>Creates a new random key: <see cref="Prefix"/> followed by 43 base64url characters (256 bits).</summary>
    public static string Generate() => Generate(Prefix);

    /// <summary>A random secret of the same strength behind another prefix (SCIM tokens): hashed with <see cref="Compute(ReadOnlySpan{char})"/> too.</summary>
    public static string Generate(string prefix)
    {
        Span<byte> bytes = stackalloc byte[32];
        RandomNumberGenerator.Fill(bytes);
        return prefix + Base64Url(bytes);
    }

    public static string DisplayPrefix(string key) => key.Length <= DisplayLength ? key : key[..DisplayLength];

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
