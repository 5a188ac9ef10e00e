using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;

namespace Switchyard.DataPlane.Tests.Dialects.Anthropic;

/// <summary>A translating chat provider for the "mock" kind that answers from memory, optionally counting tokens.</summary>
internal class FakeChatProvider : IChatProvider
{
    public IReadOnlyList<string> Kinds { get; } = ["mock"];

    public ChatRequest? LastRequest { get; private set; }

    public RuntimeDeployment? LastDeployment { get; private set; }

    public Task<ProviderResult<ChatResponse>> CompleteAsync(ChatRequest request, RuntimeDeployment deployment, CancellationToken cancellationToken)
    {
        (LastRequest, LastDeployment) = (request, deployment);
        var response = new ChatResponse { Id = "chatcmpl-1", Usage = new TokenUsage(12, 3) };
        response.Choices.Add(new ChatChoice { Text = "Hi!", FinishReason = FinishReason.Stop });
        return Task.FromResult<ProviderResult<ChatResponse>>(response);
    }

    public async Task<GatewayError?> StreamAsync(ChatRequest request, RuntimeDeployment deployment, IChatStreamSink sink, CancellationToken cancellationToken)
    {
        (LastRequest, LastDeployment) = (request, deployment);
        await sink.StartAsync("chatcmpl-1", deployment.UpstreamModel, cancellationToken);
        await sink.TextAsync(0, "Hi", cancellationToken);
        await sink.TextAsync(0, "!", cancellationToken);
        await sink.FinishAsync(0, FinishReason.Stop, null, cancellationToken);
        await sink.UsageAsync(new TokenUsage(12, 3), cancellationToken);
        await sink.CompleteAsync(cancellationToken);
        return null;
    }
}
