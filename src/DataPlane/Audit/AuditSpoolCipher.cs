using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Switchyard.DataPlane.Audit;

/// <summary>
/// Encrypts the spool lines of usage records that carry audit bodies (<c>full</c> mode) with AES-256-GCM under
/// <c>DataPlane:Audit:SpoolKey</c>: such a line is <c>e1:</c> followed by the base64 of a random 12-byte nonce, the
/// 16-byte tag and the ciphertext of the record's JSON. Records without bodies stay plain JSON lines (nothing secret in
/// them beyond what the usage record always holds). A line that does not decrypt (torn, or another key) is unreadable.
/// </summary>
public sealed class AuditSpoolCipher
{
    public const string Prefix = "e1:";

    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private static readonly byte[] PrefixUtf8 = "e1:"u8.ToArray();

    private readonly byte[]? _key;

    public AuditSpoolCipher(IOptions<AuditCaptureOptions> options) => _key = options.Value.SpoolKeyBytesOrNull();

    /// <summary>A key is set: records with bodies can be spooled (without one they are spooled without their bodies).</summary>
    public bool CanSeal => _key is not null;

    /// <summary>Writes the sealed line for <paramref name="json"/> (without the line break) to <paramref name="output"/>.</summary>
    public void Seal(ReadOnlySpan<byte> json, IBufferWriter<byte> output)
    {
        var length = NonceBytes + TagBytes + json.Length;
        var sealedBytes = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var nonce = sealedBytes.AsSpan(0, NonceBytes);
            RandomNumberGenerator.Fill(nonce);
            using (var aes = new AesGcm(_key!, TagBytes))
            {
                aes.Encrypt(nonce, json, sealedBytes.AsSpan(NonceBytes + TagBytes, json.Length), sealedBytes.AsSpan(NonceBytes, TagBytes), PrefixUtf8);
            }

            output.Write(PrefixUtf8);
            var target = output.GetSpan(Base64.GetMaxEncodedToUtf8Length(length));
            Base64.EncodeToUtf8(sealedBytes.AsSpan(0, length), target, out _, out var written);
            output.Advance(written);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(sealedBytes, clearArray: true);
        }
    }

    /// <summary>The record JSON of a sealed line (<see cref="IsSealed"/>); throws <see cref="CryptographicException"/> or <see cref="FormatException"/> when it cannot be read.</summary>
    public byte[] Open(string line)
    {
        if (_key is null)
        {
            throw new CryptographicException("DataPlane:Audit:SpoolKey is not set.");
        }

        var sealedBytes = Convert.FromBase64String(line[Prefix.Length..]);
        if (sealedBytes.Length < NonceBytes + TagBytes)
        {
            throw new FormatException("sealed line too short");
        }

        var json = new byte[sealedBytes.Length - NonceBytes - TagBytes];
        using var aes = new AesGcm(_key, TagBytes);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes), json, PrefixUtf8);
        return json;
    }

    public static bool IsSealed(string line) => line.StartsWith(Prefix, StringComparison.Ordinal);
}
