using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Dialects.Anthropic;
using Switchyard.DataPlane.Dialects.OpenAI;
using Switchyard.DataPlane.Providers.Anthropic;
using Switchyard.DataPlane.Providers.OpenAICompatible;
using Switchyard.DataPlane.Streaming;
using Switchyard.Shared.Configuration;

namespace Switchyard.Benchmarks;

/// <summary>
/// The cost of translating between dialects on the 1.5 KB chat body and on 300-token streams: parsing an OpenAI
/// request into the canonical model, writing it as an Anthropic request, and a whole stream translated event by event
/// in both directions (upstream bytes → provider reader → canonical events → caller's dialect sink → response body).
/// </summary>
[MemoryDiagnoser]
public class TranslationBenchmarks
{
    private readonly OpenAIDialect _openAI = new(TimeProvider.System);
    private readonly AnthropicDialect _anthropic = new();
    private readonly RuntimeDeployment _deployment = new(
        new DeploymentSnapshot(Guid.NewGuid(), ProviderKinds.Anthropic, "claude-sonnet-4", null, null, 1, new Dictionary<string, string>()), "secret");

    private byte[] _body = null!;
    private ChatRequest _request = null!;
    private byte[] _anthropicStream = null!;
    private byte[] _openAIStream = null!;

    [GlobalSetup]
    public void Setup()
    {
        _body = Fixtures.ChatBodyStream;
        _request = _openAI.Parse(_body, out var error) ?? throw new InvalidOperationException(error!.Message);
        _anthropicStream = AnthropicStream(300);
        _openAIStream = Fixtures.LongOpenAIStream(300);
    }

    [Benchmark(Description = "OpenAIDialect.Parse (canonical)")]
    public ChatRequest? ParseOpenAI() => _openAI.Parse(_body, out _);

    [Benchmark(Description = "AnthropicRequestWriter.Write")]
    public int WriteAnthropicRequest()
    {
        using var output = new PooledBufferWriter(4096);
        AnthropicRequestWriter.Write(output, _request, _deployment, stream: true);
        return output.WrittenCount;
    }

    [Benchmark(Description = "Anthropic stream → OpenAI caller, 300 tokens")]
    public async Task<long> AnthropicToOpenAI()
    {
        var (context, body) = Context();
        var sink = _openAI.CreateStreamSink(context, _request, NullObserver.Instance);
        await new AnthropicStreamTranslator(sink, null).RunAsync(new MemoryStream(_anthropicStream, writable: false), CancellationToken.None);
        (sink as IDisposable)?.Dispose();
        return body.Length;
    }

    [Benchmark(Description = "OpenAI stream → Anthropic caller, 300 tokens")]
    public async Task<long> OpenAIToAnthropic()
    {
        var (context, body) = Context();
        var sink = _anthropic.CreateStreamSink(context, _request, NullObserver.Instance);
        await new OpenAIStreamReader(sink, CancellationToken.None).ReadAsync(new MemoryStream(_openAIStream, writable: false), CancellationToken.None);
        (sink as IDisposable)?.Dispose();
        return body.Length;
    }

    private static (HttpContext Context, CountingStream Body) Context()
    {
        var body = new CountingStream();
        var context = new DefaultHttpContext();
        context.Response.Body = body;
        return (context, body);
    }

    private static byte[] AnthropicStream(int tokens)
    {
        var sse = new StringBuilder();
        sse.Append("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_01\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":250,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":1}}}\n\n");
        sse.Append("event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n");
        for (var i = 0; i < tokens; i++)
        {
            sse.Append("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\" word").Append(i).Append("\"}}\n\n");
        }

        sse.Append("event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n");
        sse.Append("event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":").Append(tokens).Append("}}\n\n");
        sse.Append("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
        return Encoding.UTF8.GetBytes(sse.ToString());
    }

    /// <summary>A response body that only counts what is written.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
