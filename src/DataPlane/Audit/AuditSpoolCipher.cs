using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Configuration;
using Switchyard.ServiceDefaults.Files;

namespace Switchyard.DataPlane.Audit;

/// <summary>
/// Encrypts the spool lines of usage records that carry audit bodies (<c>full</c> mode) with AES-256-GCM under
/// <c>DataPlane:Audit:SpoolKey</c>, or when that is not set and bodies are kept, a key the node generates once in its data
/// directory (<c>audit-spool.key</c>, 0600; the spool is the node's own, so only the node ever reads it): such a line is <c>e1:</c> followed by the base64 of a random 12-byte nonce, the
/// 16-byte tag and the ciphertext of the record's JSON. Records without bodies stay plain JSON lines (nothing secret in
/// them beyond what the usage record always holds). Lines are opened with the current key, else with one of
/// <c>DataPlane:Audit:PreviousSpoolKeys</c> (lines sealed before a rotation; GCM's tag tells which key sealed a line).
/// A line that none of them decrypts (torn, or an unknown key) is unreadable.
/// </summary>
public sealed class AuditSpoolCipher
{
    public const string Prefix = "e1:";

    /// <summary>The key file the node generates in its data directory when <c>DataPlane:Audit:SpoolKey</c> is not set.</summary>
    public const string KeyFileName = "audit-spool.key";

    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private static readonly byte[] PrefixUtf8 = "e1:"u8.ToArray();

    private readonly byte[]? _key;
    private readonly byte[][] _previous;

    /// <summary>The configured key only (none: records are spooled without their bodies).</summary>
    public AuditSpoolCipher(IOptions<AuditCaptureOptions> options)
    {
        _key = options.Value.SpoolKeyBytesOrNull();
        _previous = options.Value.PreviousSpoolKeyBytes();
    }

    /// <summary>The configured key, else (while bodies are kept) the one in the node's data directory, created on first use.</summary>
    public AuditSpoolCipher(IOptions<AuditCaptureOptions> options, DataPaths paths)
    {
        _key = options.Value.SpoolKeyBytesOrNull() ?? (options.Value.MaxBodyBytes > 0 ? LoadOrCreateKey(Path.Combine(paths.Root, KeyFileName)) : null);
        _previous = options.Value.PreviousSpoolKeyBytes();
    }

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
        if (_key is null && _previous.Length == 0)
        {
            throw new CryptographicException("DataPlane:Audit:SpoolKey is not set.");
        }

        var sealedBytes = Convert.FromBase64String(line[Prefix.Length..]);
        if (sealedBytes.Length < NonceBytes + TagBytes)
        {
            throw new FormatException("sealed line too short");
        }

        var json = new byte[sealedBytes.Length - NonceBytes - TagBytes];
        CryptographicException? failure = null;
        foreach (var key in _key is null ? _previous : [_key, .. _previous])
        {
            try
            {
                using var aes = new AesGcm(key, TagBytes);
                aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes), json, PrefixUtf8);
                return json;
            }
            catch (CryptographicException ex)
            {
                failure = ex;
            }
        }

        throw failure!;
    }

    private static byte[] LoadOrCreateKey(string path)
    {
        PrivateFiles.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = Convert.FromBase64String(File.ReadAllText(PrivateFiles.LoadOrCreateSecretFile(path)).Trim());
        return key.Length == AuditCaptureOptions.SpoolKeyBytes
            ? key
            : throw new InvalidOperationException($"{path} does not hold the base64 of {AuditCaptureOptions.SpoolKeyBytes} bytes; remove it (with an empty spool) or set DataPlane:Audit:SpoolKey.");
    }

    public static bool IsSealed(string line) => line.StartsWith(Prefix, StringComparison.Ordinal);
}
