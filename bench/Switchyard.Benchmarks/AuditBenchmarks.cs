using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Switchyard.DataPlane.Audit;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Messages;

namespace Switchyard.Benchmarks;

/// <summary>
/// What the audit log adds to one request (<see cref="AuditCapture"/>, as <see cref="AuditRecorder"/> drives it): the
/// response hashed as it is written, then the entry's data at the end (SHA-256 of the forwarded request, the response's
/// hash, and in full mode the kept bodies). The bench answer is the mock's 751-byte completion written in one piece and
/// its 6.7 KB stream written in 24 chunks; the request is the 1.5 KB chat body.
/// </summary>
[MemoryDiagnoser]
public class AuditBenchmarks
{
    private readonly byte[] _request = Fixtures.ChatBody;
    private readonly byte[] _answer = Encoding.UTF8.GetBytes(new string('a', 751));
    private readonly byte[][] _stream = [.. Enumerable.Range(0, 24).Select(i => new byte[i == 0 ? 380 : 262])];

    [Params(AuditModes.Metadata, AuditModes.Full)]
    public string Mode { get; set; } = AuditModes.Metadata;

    [Benchmark(Baseline = true, Description = "completion (751 B, one write)")]
    public UsageAudit Completion()
    {
        using var capture = new AuditCapture(Mode, 16 * 1024);
        capture.Append(_answer);
        return capture.Finish(_request);
    }

    [Benchmark(Description = "stream (6.7 KB in 24 writes)")]
    public UsageAudit Stream()
    {
        using var capture = new AuditCapture(Mode, 16 * 1024);
        foreach (var chunk in _stream)
        {
            capture.Append(chunk);
        }

        return capture.Finish(_request);
    }

    /// <summary>
    /// The work the one-shot hash replaced for an answer that fits (run in the same process as its replacement, so the
    /// machine's load weighs on both alike): an incremental SHA-256 created, fed, finished and disposed, against one call.
    /// </summary>
    [Benchmark(Description = "SHA-256 of 751 B: IncrementalHash create/append/finish/dispose")]
    public int IncrementalHashOfAnswer()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(_answer);
        Span<byte> digest = stackalloc byte[32];
        return hash.GetHashAndReset(digest);
    }

    [Benchmark(Description = "SHA-256 of 751 B: one SHA256.HashData call")]
    public int OneShotHashOfAnswer()
    {
        Span<byte> digest = stackalloc byte[32];
        return SHA256.HashData(_answer, digest);
    }
}
