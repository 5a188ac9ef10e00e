using System.Net;
using System.Text.Json;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Providers.Upstream;
using Switchyard.DataPlane.Streaming;
using Switchyard.DataPlane.Telemetry;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Providers.Anthropic;

/// <summary>
/// Serves canonical chat requests through the Anthropic Messages API (<c>POST {BaseUrl}/v1/messages</c>) and counts
/// tokens with <c>/v1/messages/count_tokens</c>. Authenticates with <c>x-api-key</c> (the deployment's secret) and
/// <c>anthropic-version</c>; the deployment's <c>beta</c> setting becomes <c>anthropic-beta</c>, its <c>maxTokens</c>
/// setting the default output limit.
/// </summary>
public sealed class AnthropicChatProvider(UpstreamClient client, ILogger<AnthropicChatProvider> logger) : IChatProvider, ITokenCounter
{
    public const string ApiVersion = "2023-06-01";
    public const string DefaultBaseUrl = "https://api.anthropic.com";

    public IReadOnlyList<string> Kinds { get; } = [ProviderKinds.Anthropic];

    public async Task<ProviderResult<ChatResponse>> CompleteAsync(ChatRequest request, RuntimeDeployment deployment, CancellationToken cancellationToken)
    {
        if (AnthropicRequestWriter.Validate(request) is { } invalid)
        {
            return invalid;
        }

        var body = Body(request, deployment, stream: false, countTokens: false);
        await using var exchange = await SendAsync(body, deployment, "/v1/messages", stream: false, cancellationToken);
        if (!exchange.IsSuccess)
        {
            return await FailAsync(exchange, deployment);
        }

        var jsonTool = AnthropicRequestWriter.JsonToolName(request);
        return await UpstreamJson.ReadAsync<ChatResponse>(
            exchange, root => root.ValueKind == JsonValueKind.Object ? AnthropicResponseReader.Read(root, jsonTool) : NotAnObject(), cancellationToken);
    }

    public async Task<GatewayError?> StreamAsync(ChatRequest request, RuntimeDeployment deployment, IChatStreamSink sink, CancellationToken cancellationToken)
    {
        if (AnthropicRequestWriter.Validate(request) is { } invalid)
        {
            return invalid;
        }

        var body = Body(request, deployment, stream: true, countTokens: false);
        await using var exchange = await SendAsync(body, deployment, "/v1/messages", stream: true, cancellationToken);
        if (!exchange.IsSuccess)
        {
            return await FailAsync(exchange, deployment);
        }

        var translator = new AnthropicStreamTranslator(sink, AnthropicRequestWriter.JsonToolName(request));
        return await UpstreamStream.RelayAsync(exchange, sink, translator.RunAsync, cancellationToken);
    }

    public async Task<ProviderResult<TokenCount>> CountTokensAsync(ChatRequest request, RuntimeDeployment deployment, CancellationToken cancellationToken)
    {
        var body = Body(request, deployment, stream: false, countTokens: true);
        await using var exchange = await SendAsync(body, deployment, "/v1/messages/count_tokens", stream: false, cancellationToken);
        if (!exchange.IsSuccess)
        {
            return await FailAsync(exchange, deployment);
        }

        return await UpstreamJson.ReadAsync<TokenCount>(exchange, root =>
            root.ValueKind != JsonValueKind.Object ? NotAnObject()
            : root.TryGetProperty("input_tokens", out var tokens) && tokens.ValueKind == JsonValueKind.Number && tokens.TryGetInt32(out var count)
                ? new TokenCount(count)
                : GatewayError.Upstream("The upstream provider's token count has no input_tokens.", "invalid_upstream_response"),
            cancellationToken);
    }

    /// <summary>The Anthropic endpoint URL; a base URL ending in /v1 is accepted too.</summary>
    internal static Uri Endpoint(RuntimeDeployment deployment, string path)
    {
        var baseUrl = deployment.BaseUrl.Length == 0 ? DefaultBaseUrl : deployment.BaseUrl;
        if (baseUrl.EndsWith("/v1", StringComparison.Ordinal))
        {
            baseUrl = baseUrl[..^3];
        }

        return new Uri(baseUrl + path, UriKind.Absolute);
    }

    private static PooledBufferWriter Body(ChatRequest request, RuntimeDeployment deployment, bool stream, bool countTokens)
    {
        var body = new PooledBufferWriter(8192);
        AnthropicRequestWriter.Write(body, request, deployment, stream, countTokens);
        return body;
    }

    /// <summary>Posts the body; the request owns it from here (see <see cref="PooledJsonContent"/>).</summary>
    private async Task<UpstreamExchange> SendAsync(PooledBufferWriter body, RuntimeDeployment deployment, string path, bool stream, CancellationToken cancellationToken)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, Endpoint(deployment, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
            Content = new PooledJsonContent(body),
        };
        if (deployment.Secret is { Length: > 0 } secret)
        {
            message.Headers.TryAddWithoutValidation("x-api-key", secret);
        }

        message.Headers.TryAddWithoutValidation("anthropic-version", ApiVersion);
        if (deployment.Setting("beta") is { Length: > 0 } beta)
        {
            message.Headers.TryAddWithoutValidation("anthropic-beta", beta);
        }

        if (stream)
        {
            message.Headers.TryAddWithoutValidation("Accept", "text/event-stream");
        }

        return await client.SendAsync(message, cancellationToken);
    }

    private async Task<GatewayError> FailAsync(UpstreamExchange exchange, RuntimeDeployment deployment)
    {
        if (exchange.TransportError is null)
        {
            DataPlaneLog.UpstreamError(logger, deployment.Id, exchange.Status);
        }

        return await AnthropicErrors.FromExchangeAsync(exchange);
    }

    private static GatewayError NotAnObject() => GatewayError.Upstream("The upstream provider answered with JSON that is not an object.", "invalid_upstream_response");
}
