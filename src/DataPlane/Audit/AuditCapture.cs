using System.Security.Cryptography;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Messages;

namespace Switchyard.DataPlane.Audit;

/// <summary>
/// One request's response body as the caller receives it, for its audit entry: hashed chunk by chunk as it is written
/// (the stream is never held), and in <c>full</c> mode its first bytes kept up to the cap. Lives on the request's features.
/// </summary>
public sealed class AuditCapture(string mode, int maxBodyBytes) : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly int _keep = mode == AuditModes.Full ? maxBodyBytes : 0;
    private byte[]? _kept;
    private int _keptLength;
    private long _bytes;

    public string Mode { get; } = mode;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        _hash.AppendData(bytes);
        _bytes += bytes.Length;
        var room = _keep - _keptLength;
        if (room <= 0 || bytes.IsEmpty)
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
        var full = Mode == AuditModes.Full;
        return new UsageAudit(
            Mode,
            Convert.ToHexStringLower(SHA256.HashData(request)),
            Convert.ToHexStringLower(_hash.GetHashAndReset()),
            request.Length,
            _bytes,
            full && _keep > 0 ? request[..Math.Min(request.Length, _keep)].ToArray() : null,
            full && _keep > 0 ? (_kept is null ? [] : _kept.AsSpan(0, _keptLength).ToArray()) : null);
    }

    public void Dispose() => _hash.Dispose();
}
