using BenchmarkDotNet.Attributes;
using Switchyard.DataPlane.Dialects;
using Switchyard.DataPlane.Dialects.OpenAI;
using Switchyard.DataPlane.Gateway;
using Switchyard.DataPlane.Providers.OpenAICompatible;
using Switchyard.DataPlane.Streaming;

namespace Switchyard.Benchmarks;

/// <summary>
/// The request-body work done once per chat completion on a typical ~1.5 KB body: <see cref="ChatRequestParser"/>
/// (validate JSON, extract model/stream/stream_options, count messages) and <see cref="ChatRequestRewriter"/>
/// (model replaced by the upstream model, <c>stream_options.include_usage</c> forced for streams) exactly as
/// <c>OpenAICompatibleAdapter</c> calls it: a new pooled writer sized body + 256 per request.
/// </summary>
[MemoryDiagnoser]
public class ChatRequestBenchmarks
{
    private byte[] _body = null!;
    private byte[] _streamBody = null!;

    [GlobalSetup]
    public void Setup()
    {
        _body = Fixtures.ChatBody;
        _streamBody = Fixtures.ChatBodyStream;
        if (ChatRequestParser.Parse(_body, out var error, out _, out _) is not { Stream: false } || ChatRequestParser.Parse(_streamBody, out error, out _, out _) is not { Stream: true })
        {
            throw new InvalidOperationException("Fixture body does not parse: " + error);
        }
    }

    [Benchmark(Description = "ChatRequestParser.Parse (1.5 KB, non-stream)")]
    public ChatRequestInfo? Parse() => ChatRequestParser.Parse(_body, out _, out _, out _);

    [Benchmark(Description = "ChatRequestParser.Parse (1.5 KB, stream)")]
    public ChatRequestInfo? ParseStream() => ChatRequestParser.Parse(_streamBody, out _, out _, out _);

    [Benchmark(Description = "ChatRequestRewriter.Rewrite (model only)")]
    public int Rewrite()
    {
        using var output = new PooledBufferWriter(_body.Length + 256);
        ChatRequestRewriter.Rewrite(_body, "gpt-4o-mini-2024-07-18", forceIncludeUsage: false, output);
        return output.WrittenCount;
    }

    [Benchmark(Description = "ChatRequestRewriter.Rewrite (model + include_usage)")]
    public int RewriteStream()
    {
        using var output = new PooledBufferWriter(_streamBody.Length + 256);
        ChatRequestRewriter.Rewrite(_streamBody, "gpt-4o-mini-2024-07-18", forceIncludeUsage: true, output);
        return output.WrittenCount;
    }
}
