using BenchmarkDotNet.Attributes;
using Switchyard.DataPlane.Providers.OpenAICompatible;
using Switchyard.DataPlane.Streaming;

namespace Switchyard.Benchmarks;

/// <summary>
/// The streaming response path: <see cref="SseUsageFilter"/> splitting an OpenAI chat stream into events, inspecting
/// each <c>data:</c> payload, capturing usage and dropping the usage-only chunk; fed in reads of
/// <see cref="ReadSize"/> bytes (16 KB = the relay's scratch buffer; 512 B = small network reads that split events).
/// <see cref="Stream"/>: the recorded fixture (13 events, 3.4 KB) or a 300-token answer in the same wire shape (~79 KB).
/// <c>RelayStream</c> drives the full <see cref="SseRelayStream"/> (filter + copy-out) as the forwarder reads it.
/// </summary>
[MemoryDiagnoser]
public class SseBenchmarks
{
    private byte[] _stream = null!;
    private readonly byte[] _readBuffer = new byte[64 * 1024];
    private PooledBufferWriter _output = null!;

    [Params("fixture-13-events", "300-tokens")]
    public string Stream { get; set; } = "";

    [Params(16 * 1024, 512)]
    public int ReadSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _stream = Stream == "300-tokens" ? Fixtures.LongOpenAIStream(300) : Fixtures.OpenAIStream;
        _output = new PooledBufferWriter(_stream.Length + 1024);
        var usage = Filter();
        if (usage != 17)
        {
            throw new InvalidOperationException($"Filter read usage {usage}, expected 17.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _output.Dispose();

    [Benchmark(Description = "SseUsageFilter.Process")]
    public int Filter()
    {
        using var filter = new SseUsageFilter(keepUsageChunk: false);
        var data = _stream.AsSpan();
        for (var offset = 0; offset < data.Length; offset += ReadSize)
        {
            filter.Process(data.Slice(offset, Math.Min(ReadSize, data.Length - offset)), _output);
            _output.Clear();
        }

        filter.Complete(_output);
        _output.Clear();
        return filter.PromptTokens + filter.CompletionTokens;
    }

    [Benchmark(Description = "SseRelayStream read-through")]
    public async Task<int> RelayStream()
    {
        var upstream = new ChunkedStream(_stream, ReadSize);
        await using var relay = new SseRelayStream(upstream, NullObserver.Instance, keepUsageChunk: false, CancellationToken.None, TimeSpan.FromSeconds(30));
        var total = 0;
        int read;
        while ((read = await relay.ReadAsync(_readBuffer)) > 0)
        {
            total += read;
        }

        return total;
    }

    /// <summary>An in-memory upstream body that returns at most <c>chunk</c> bytes per read, like a socket.</summary>
    private sealed class ChunkedStream(byte[] data, int chunk) : System.IO.Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => data.Length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var count = Math.Min(Math.Min(chunk, buffer.Length), data.Length - _position);
            data.AsSpan(_position, count).CopyTo(buffer.Span);
            _position += count;
            return ValueTask.FromResult(count);
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
