using System.Text.Json;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Providers.Upstream;
using Switchyard.DataPlane.Streaming;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Providers.Gemini;

/// <summary>
/// Serves canonical chat requests through the Google Gemini API: <c>:generateContent</c>,
/// <c>:streamGenerateContent?alt=sse</c> and <c>:countTokens</c> on <c>{BaseUrl}/models/{UpstreamModel}</c>, with the
/// deployment's key in <c>x-goog-api-key</c>.
/// </summary>
public sealed class GeminiChatProvider(UpstreamClient upstream) : IChatProvider, ITokenCounter
{
    public IReadOnlyList<string> Kinds { get; } = [ProviderKinds.Gemini];

    public async Task<ProviderResult<ChatResponse>> CompleteAsync(ChatRequest request, RuntimeDeployment deployment, CancellationToken cancellationToken)
    {
        var body = WriteBody(w => GeminiRequestWriter.Write(w, request));
        await using var exchange = await upstream.SendAsync(GeminiHttp.Post(deployment, "generateContent", body), cancellationToken);
        if (!exchange.IsSuccess)
        {
            return await GeminiErrors.FromExchangeAsync(exchange);
        }

        return await UpstreamJson.ReadAsync(exchange, GeminiResponseReader.Read, cancellationToken);
    }

    public async Task<GatewayError?> StreamAsync(ChatRequest request, RuntimeDeployment deployment, IChatStreamSink sink, CancellationToken cancellationToken)
    {
        var body = WriteBody(w => GeminiRequestWriter.Write(w, request));
        await using var exchange = await upstream.SendAsync(
            GeminiHttp.Post(deployment, "streamGenerateContent", body, "?alt=sse"), cancellationToken);
        if (!exchange.IsSuccess)
        {
            return await GeminiErrors.FromExchangeAsync(exchange);
        }

        return await UpstreamStream.RelayAsync(exchange, sink, new GeminiStreamTranslator(sink).RunAsync, cancellationToken);
    }

    /// <summary>Counts the prompt (system instruction and tools included) with <c>:countTokens</c>.</summary>
    public async Task<ProviderResult<TokenCount>> CountTokensAsync(ChatRequest request, RuntimeDeployment deployment, CancellationToken cancellationToken)
    {
        var resource = GeminiHttp.ResourceName(deployment);
        var body = WriteBody(w => GeminiRequestWriter.WriteCountTokens(w, request, resource));
        await using var exchange = await upstream.SendAsync(GeminiHttp.Post(deployment, "countTokens", body), cancellationToken);
        if (!exchange.IsSuccess)
        {
            return await GeminiErrors.FromExchangeAsync(exchange);
        }

        return await UpstreamJson.ReadAsync<TokenCount>(exchange, root =>
            root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("totalTokens", out _)
                ? GatewayError.Upstream("The upstream provider's token count has no totalTokens.", "invalid_upstream_response")
                : new TokenCount(GeminiWire.Int(root, "totalTokens")),
            cancellationToken);
    }

    private static PooledBufferWriter WriteBody(Action<Utf8JsonWriter> write)
    {
        var buffer = new PooledBufferWriter();
        try
        {
            using var writer = new Utf8JsonWriter(buffer);
            write(writer);
            writer.Flush();
            return buffer;
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }
}
