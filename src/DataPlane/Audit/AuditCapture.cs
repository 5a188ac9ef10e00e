using System.Buffers;
using System.Security.Cryptography;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Messages;

namespace Switchyard.DataPlane.Audit;

/// <summary>
/// One request's response body as the caller receives it, for its audit entry: hashed as it is written (the stream is
/// never held), and in <c>full</c> mode its first bytes kept up to the cap. Lives on the request's features.
/// <para>
/// An answer of up to <see cref="OneShotHashBytes"/> (nearly every completion, and short streams) is copied to a pooled
/// buffer and hashed in one call at the end; only a longer one gets an incremental hash, fed what was held so far. Creating,
/// finishing and disposing an incremental SHA-256 context costs more than hashing a few kilobytes at once.
/// </para>
/// </summary>
public sealed class AuditCapture(string mode, int maxBodyBytes) : IDisposable
{
    /// <summary>Answers up to this many bytes are hashed in one call when the request ends.</summary>
    internal const int OneShotHashBytes = 16 * 1024;

    private const int Sha256Bytes = 32;

    private readonly int _keep = mode == AuditModes.Full ? maxBodyBytes : 0;
    private IncrementalHash? _hash;
    private byte[]? _held;
    private byte[]? _kept;
    private int _keptLength;
    private long _bytes;

    public string Mode { get; } = mode;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        Hash(bytes);
        _bytes += bytes.Length;
        var room = _keep - _keptLength;
        if (room <= 0)
        {
            return;
        }

        var take = Math.Min(room, bytes.Length);
        if (_kept is null || _kept.Length - _keptLength < take)
        {
            var size = Math.Min(_keep, Math.Max(Math.Max(1024, (_kept?.Length ?? 0) * 2), _keptLength + take));
            Array.Resize(ref _kept, size);
        }

        bytes[..take].CopyTo(_kept.AsSpan(_keptLength));
        _keptLength += take;
    }

    /// <summary>The entry's audit data, with the request body as forwarded (after DLP redaction).</summary>
    public UsageAudit Finish(ReadOnlySpan<byte> request)
    {
        Span<byte> digest = stackalloc byte[Sha256Bytes];
        SHA256.HashData(request, digest);
        var requestSha256 = Convert.ToHexStringLower(digest);
        if (_hash is { } hash)
        {
            hash.GetHashAndReset(digest);
        }
        else
        {
            SHA256.HashData(_held.AsSpan(0, (int)_bytes), digest);
        }

        var full = Mode == AuditModes.Full;
        return new UsageAudit(
            Mode,
            requestSha256,
            Convert.ToHexStringLower(digest),
            request.Length,
            _bytes,
            full && _keep > 0 ? request[..Math.Min(request.Length, _keep)].ToArray() : null,
            full && _keep > 0 ? (_kept is null ? [] : _kept.AsSpan(0, _keptLength).ToArray()) : null);
    }

    public void Dispose()
    {
        _hash?.Dispose();
        if (_held is { } held)
        {
            _held = null;
            ArrayPool<byte>.Shared.Return(held);
        }
    }

    /// <summary>Holds <paramref name="bytes"/> for the one-shot hash while the answer fits, else feeds the incremental hash.</summary>
    private void Hash(ReadOnlySpan<byte> bytes)
    {
        if (_hash is null)
        {
            var held = (int)_bytes;
            if (held + bytes.Length <= OneShotHashBytes)
            {
                if (_held is null || _held.Length - held < bytes.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(held + bytes.Length, Math.Min(OneShotHashBytes, Math.Max(1024, held * 2))));
                    if (_held is { } old)
                    {
                        old.AsSpan(0, held).CopyTo(bigger);
                        ArrayPool<byte>.Shared.Return(old);
                    }

                    _held = bigger;
                }

                bytes.CopyTo(_held.AsSpan(held));
                return;
            }

            _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            if (_held is { } kept)
            {
                _hash.AppendData(kept, 0, held);
                _held = null;
                ArrayPool<byte>.Shared.Return(kept);
            }
        }

        _hash.AppendData(bytes);
    }
}
