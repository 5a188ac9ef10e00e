using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Dialects.OpenAI;
using Switchyard.DataPlane.Embeddings;
using Switchyard.DataPlane.Pipeline;
using Switchyard.DataPlane.Providers;

namespace Switchyard.DataPlane.Gateway;

/// <summary><c>POST /v1/embeddings</c> (OpenAI dialect): embeds the inputs through the deployment's provider.</summary>
public sealed class EmbeddingsEndpoint(OpenAIDialect dialect, ProviderRegistry providers) : GatewayEndpoint(EndpointName, dialect)
{
    public const string EndpointName = "embeddings";

    public override RequestSummary? Read(ReadOnlyMemory<byte> body, out GatewayError? error) =>
        EmbeddingRequestParser.Parse(body.Span, out error) is { } request ? new RequestSummary(request.Model, Payload: request) : null;

    public override bool CanServe(GatewayContext context, RuntimeDeployment deployment) =>
        deployment.Snapshot.Capabilities is not { Embeddings: false } && providers.FindEmbeddings(deployment.ProviderKind) is not null;

    public override async Task<GatewayError?> ForwardAsync(GatewayContext context, RuntimeDeployment deployment)
    {
        var request = context.Payload<EmbeddingRequest>();
        if (providers.FindEmbeddings(deployment.ProviderKind) is not { } provider)
        {
            return GatewayError.InvalidRequest(
                $"The model `{request.Model}` cannot create embeddings (provider kind '{deployment.ProviderKind}').", "model", "model_not_supported");
        }

        if (deployment.Snapshot.Capabilities is { Embeddings: false })
        {
            return GatewayError.InvalidRequest($"The model `{request.Model}` does not support embeddings.", "model", "model_not_supported");
        }

        var result = await provider.EmbedAsync(request, deployment, context.Aborted);
        if (result.Error is { } error)
        {
            return error;
        }

        var response = result.Value!;
        if (response.Vectors.Count != request.Inputs.Count)
        {
            return GatewayError.Upstream(
                $"The upstream provider returned {response.Vectors.Count} embeddings for {request.Inputs.Count} inputs.", "invalid_upstream_response");
        }

        context.UsageReported(new TokenUsage(response.PromptTokens, 0));
        await EmbeddingResponseWriter.WriteAsync(context.Http, request, response, context);
        return null;
    }
}
