using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.DataPlane.Providers.OpenAICompatible;
using Switchyard.DataPlane.Providers.Upstream;
using Switchyard.DataPlane.Streaming;
using Yarp.ReverseProxy.Forwarder;

namespace Switchyard.DataPlane.Tests.Providers.OpenAICompatible;

public class BufferedBodyInvokerTests
{
    [Fact]
    public async Task SendAsync_ThroughTheForwarder_WritesTheBodyWithoutFlushingTheHeadersFirst()
    {
        var upstream = new RecordingHandler();
        var body = Body("""{"model":"gpt-4o-mini","messages":[]}""");
        using var content = new PooledJsonContent(body);

        var error = await ForwardAsync(new BufferedBodyInvoker(new HttpMessageInvoker(upstream), content), """{"model":"bench","messages":[]}""");

        Assert.Equal(ForwarderError.None, error);
        // YARP's own content flushes the request headers (one socket send) before it copies the body (a second one).
        Assert.Equal(0, upstream.Flushes);
        Assert.Equal(1, upstream.Writes);
        Assert.Equal("""{"model":"gpt-4o-mini","messages":[]}""", upstream.Body);
        Assert.Equal(upstream.Body.Length, upstream.ContentLength);
        Assert.Equal("application/json", upstream.ContentType);
    }

    [Fact]
    public async Task SendAsync_LargeBody_ArrivesWhole()
    {
        var upstream = new RecordingHandler();
        var large = $$"""{"model":"m","messages":[{"role":"user","content":"{{new string('x', 300_000)}}"}]}""";
        using var content = new PooledJsonContent(Body(large));

        var error = await ForwardAsync(new BufferedBodyInvoker(new HttpMessageInvoker(upstream), content), large);

        Assert.Equal(ForwarderError.None, error);
        Assert.Equal(large, upstream.Body);
        Assert.Equal(large.Length, upstream.ContentLength);
    }

    private static PooledBufferWriter Body(string json)
    {
        var body = new PooledBufferWriter();
        body.Write(Encoding.UTF8.GetBytes(json));
        return body;
    }

    private static async Task<ForwarderError> ForwardAsync(HttpMessageInvoker invoker, string callerBody)
    {
        await using var services = new ServiceCollection().AddLogging().AddHttpForwarder().BuildServiceProvider();
        var forwarder = services.GetRequiredService<IHttpForwarder>();
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        http.Request.ContentType = "application/json";
        var bytes = Encoding.UTF8.GetBytes(callerBody);
        http.Request.Body = new MemoryStream(bytes);
        http.Request.ContentLength = bytes.Length;
        http.Response.Body = new MemoryStream();
        return await forwarder.SendAsync(http, "http://upstream.test/v1/chat/completions", invoker, ForwarderRequestConfig.Empty, HttpTransformer.Empty);
    }

    /// <summary>An upstream that serializes the request content into a stream counting writes and flushes.</summary>
    private sealed class RecordingHandler : HttpMessageHandler
    {
        public int Writes { get; private set; }

        public int Flushes { get; private set; }

        public string Body { get; private set; } = "";

        public long? ContentLength { get; private set; }

        public string? ContentType { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var wire = new CountingStream();
            await request.Content!.CopyToAsync(wire, cancellationToken);
            (Writes, Flushes, Body) = (wire.Writes, wire.Flushes, Encoding.UTF8.GetString(wire.ToArray()));
            ContentLength = request.Content.Headers.ContentLength;
            ContentType = request.Content.Headers.ContentType?.MediaType;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") };
        }
    }

    private sealed class CountingStream : MemoryStream
    {
        public int Writes { get; private set; }

        public int Flushes { get; private set; }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Writes++;
            return base.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Writes++;
            return base.WriteAsync(buffer, offset, count, cancellationToken);
        }

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            Flushes++;
            return base.FlushAsync(cancellationToken);
        }
    }
}
