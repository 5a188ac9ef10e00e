using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Providers.Upstream;
using Switchyard.DataPlane.Streaming;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Providers.Bedrock;

/// <summary>
/// AWS Bedrock through the Converse and ConverseStream APIs: canonical requests become Converse bodies, signed with
/// SigV4 (service <c>bedrock</c>) or sent with a Bedrock API key; answers, event streams and errors come back canonical.
/// </summary>
public sealed class BedrockChatProvider(UpstreamClient upstream, TimeProvider time) : IChatProvider
{
    private const string EventStreamMediaType = "application/vnd.amazon.eventstream";

    private readonly SigV4Signer _signer = new(time);

    public IReadOnlyList<string> Kinds { get; } = [ProviderKinds.Bedrock];

    public async Task<ProviderResult<ChatResponse>> CompleteAsync(ChatRequest request, RuntimeDeployment deployment, CancellationToken cancellationToken)
    {
        if (CreateRequest(request, deployment, stream: false, out var error) is not { } message)
        {
            return error!;
        }

        await using var exchange = await upstream.SendAsync(message, cancellationToken);
        if (exchange.TransportError is { } transport)
        {
            return transport;
        }

        if (!exchange.IsSuccess)
        {
            return await BedrockErrors.FromResponseAsync(exchange);
        }

        return await UpstreamJson.ReadAsync<ChatResponse>(exchange, root =>
            BedrockResponseReader.Read(root, deployment.UpstreamModel) is { } response
                ? response
                : GatewayError.Upstream("The upstream provider answered with something other than a Converse response.", "invalid_upstream_response"),
            cancellationToken);
    }

    public async Task<GatewayError?> StreamAsync(ChatRequest request, RuntimeDeployment deployment, IChatStreamSink sink, CancellationToken cancellationToken)
    {
        if (CreateRequest(request, deployment, stream: true, out var error) is not { } message)
        {
            return error;
        }

        await using var exchange = await upstream.SendAsync(message, cancellationToken);
        if (exchange.TransportError is { } transport)
        {
            return transport;
        }

        if (!exchange.IsSuccess)
        {
            return await BedrockErrors.FromResponseAsync(exchange);
        }

        var translator = new BedrockStreamTranslator(sink, deployment.UpstreamModel);
        return await UpstreamStream.RelayAsync(exchange, sink, (stream, token) => translator.RunAsync(stream, token, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// The signed Converse (or ConverseStream) request, which owns its pooled body (see <see cref="PooledJsonContent"/>);
    /// null and the error when the deployment or the request cannot be served.
    /// </summary>
    internal HttpRequestMessage? CreateRequest(ChatRequest request, RuntimeDeployment deployment, bool stream, out GatewayError? error)
    {
        var endpoint = deployment.ProviderState(BedrockEndpoint.Create);
        var body = new PooledBufferWriter();
        error = endpoint.Error ?? BedrockRequestWriter.Write(request, body);
        if (error is not null)
        {
            body.Dispose();
            return null;
        }

        var message = new HttpRequestMessage(HttpMethod.Post, stream ? endpoint.ConverseStreamUri : endpoint.ConverseUri)
        {
            Content = new PooledJsonContent(body),
        };
        message.Headers.TryAddWithoutValidation("Accept", stream ? EventStreamMediaType : "application/json");
        if (endpoint.BearerAuthorization is { } bearer)
        {
            message.Headers.TryAddWithoutValidation("Authorization", bearer);
        }
        else
        {
            _signer.Sign(message, body.WrittenSpan, endpoint.Credentials!, endpoint.Region!, BedrockEndpoint.SigningService);
        }

        return message;
    }
}
