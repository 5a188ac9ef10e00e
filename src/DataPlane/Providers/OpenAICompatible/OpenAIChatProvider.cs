using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Providers.Upstream;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Providers.OpenAICompatible;

/// <summary>
/// Serves canonical chat requests through any upstream speaking OpenAI Chat Completions, translating both ways: used
/// for Anthropic-dialect callers of every kind here, and for OpenAI-dialect callers of the kinds that are not forwarded
/// unchanged (Azure OpenAI, Mistral, Groq, Together). Each kind's quirks live in its <see cref="OpenAIFlavor"/>.
/// </summary>
public sealed class OpenAIChatProvider(UpstreamClient upstream) : IChatProvider
{
    private const string Operation = "chat/completions";

    public IReadOnlyList<string> Kinds { get; } =
    [
        ProviderKinds.OpenAI, ProviderKinds.AzureOpenAI, ProviderKinds.Mistral, ProviderKinds.Groq, ProviderKinds.Together,
        ProviderKinds.DeepSeek, ProviderKinds.Fireworks, ProviderKinds.OpenRouter, ProviderKinds.Vllm, ProviderKinds.Ollama,
    ];

    public async Task<ProviderResult<ChatResponse>> CompleteAsync(ChatRequest request, RuntimeDeployment deployment, CancellationToken cancellationToken)
    {
        var flavor = OpenAIFlavor.For(deployment.ProviderKind);
        if (OpenAIRequestWriter.Validate(request, flavor) is { } invalid)
        {
            return invalid;
        }

        await using var exchange = await OpenAIUpstreamCall.SendAsync(upstream, deployment, Operation,
            (model, body) => OpenAIRequestWriter.Write(request, flavor, model, stream: false, body), cancellationToken);
        if (await OpenAIUpstreamCall.FailureAsync(exchange) is { } error)
        {
            return error;
        }

        return await OpenAIUpstreamCall.ReadAsync(exchange, OpenAIResponseReader.Read, cancellationToken);
    }

    public async Task<GatewayError?> StreamAsync(ChatRequest request, RuntimeDeployment deployment, IChatStreamSink sink, CancellationToken cancellationToken)
    {
        var flavor = OpenAIFlavor.For(deployment.ProviderKind);
        if (OpenAIRequestWriter.Validate(request, flavor) is { } invalid)
        {
            return invalid;
        }

        await using var exchange = await OpenAIUpstreamCall.SendAsync(upstream, deployment, Operation,
            (model, body) => OpenAIRequestWriter.Write(request, flavor, model, stream: true, body), cancellationToken);
        if (await OpenAIUpstreamCall.FailureAsync(exchange) is { } error)
        {
            return error;
        }

        var reader = new OpenAIStreamReader(sink, cancellationToken);
        return await UpstreamStream.RelayAsync(exchange, sink, reader.ReadAsync, cancellationToken);
    }
}
