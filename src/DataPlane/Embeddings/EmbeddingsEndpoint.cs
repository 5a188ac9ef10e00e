using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Dialects.OpenAI;
using Switchyard.DataPlane.Gateway;
using Switchyard.DataPlane.Providers;

namespace Switchyard.DataPlane.Embeddings;

/// <summary><c>POST /v1/embeddings</c> (OpenAI dialect): authenticate, parse, route, embed through the deployment's provider, account.</summary>
public sealed class EmbeddingsEndpoint
{
    public const string EndpointName = "embeddings";

    private readonly OpenAIDialect _dialect;
    private readonly GatewayPipeline _pipeline;
    private readonly ProviderRegistry _providers;
    private readonly GatewayPipeline.Handler _handle;

    public EmbeddingsEndpoint(OpenAIDialect dialect, GatewayPipeline pipeline, ProviderRegistry providers)
    {
        _dialect = dialect;
        _pipeline = pipeline;
        _providers = providers;
        _handle = ServeAsync;
    }

    public Task HandleAsync(HttpContext context) => _pipeline.RunAsync(context, EndpointName, _dialect, _handle);

    private async Task ServeAsync(HttpContext context, GatewayRequestState state, ReadOnlyMemory<byte> body)
    {
        if (EmbeddingRequestParser.Parse(body.Span, out var parseError) is not { } request)
        {
            await _dialect.WriteErrorAsync(context, parseError!);
            return;
        }

        state.Model = request.Model;
        if (await _pipeline.RouteAsync(context, state, _dialect) is { } deployment)
        {
            await EmbedAsync(context, state, request, deployment);
        }
    }

    private async Task EmbedAsync(HttpContext context, GatewayRequestState state, EmbeddingRequest request, RuntimeDeployment deployment)
    {
        if (_providers.FindEmbeddings(deployment.ProviderKind) is not { } provider)
        {
            await _dialect.WriteErrorAsync(context, GatewayError.InvalidRequest(
                $"The model `{request.Model}` cannot create embeddings (provider kind '{deployment.ProviderKind}').", "model", "model_not_supported"));
            return;
        }

        if (deployment.Snapshot.Capabilities is { Embeddings: false })
        {
            await _dialect.WriteErrorAsync(context, GatewayError.InvalidRequest(
                $"The model `{request.Model}` does not support embeddings.", "model", "model_not_supported"));
            return;
        }

        var result = await provider.EmbedAsync(request, deployment, context.RequestAborted);
        if (result.Error is { } error)
        {
            await _dialect.WriteErrorAsync(context, error);
            return;
        }

        var response = result.Value!;
        if (response.Vectors.Count != request.Inputs.Count)
        {
            await _dialect.WriteErrorAsync(context, GatewayError.Upstream(
                $"The upstream provider returned {response.Vectors.Count} embeddings for {request.Inputs.Count} inputs.", "invalid_upstream_response"));
            return;
        }

        state.Usage = new TokenUsage(response.PromptTokens, 0);
        state.MarkFirstByte(_pipeline.Time.GetTimestamp());
        await EmbeddingResponseWriter.WriteAsync(context, request, response);
    }
}
