using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Providers.Upstream;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Providers.Mock;

/// <summary>
/// The built-in provider: answers any dialect deterministically without network (text, or a tool call when tools are
/// offered), with configurable latency, streaming speed and failures (see <see cref="MockSettings"/>).
/// </summary>
public sealed class MockChatProvider(TimeProvider time) : IChatProvider, ITokenCounter
{
    private const int MaxChoices = 8;

    public IReadOnlyList<string> Kinds { get; } = [ProviderKinds.Mock];

    public async Task<ProviderResult<ChatResponse>> CompleteAsync(ChatRequest request, RuntimeDeployment deployment, CancellationToken cancellationToken)
    {
        var settings = MockSettings.Of(deployment);
        if (await FailAsync(settings, cancellationToken) is { } error)
        {
            return error;
        }

        var answer = MockAnswer.For(request);
        var choices = Choices(request);
        var response = new ChatResponse { Id = NewId(), UpstreamModel = deployment.UpstreamModel, Usage = answer.Usage(choices) };
        for (var i = 0; i < choices; i++)
        {
            var choice = new ChatChoice { Index = i, Text = answer.ToolCall is null ? answer.Text : null, FinishReason = answer.FinishReason };
            if (answer.ToolCall is { } call)
            {
                choice.ToolCalls.Add(call);
            }

            response.Choices.Add(choice);
        }

        return response;
    }

    public async Task<GatewayError?> StreamAsync(ChatRequest request, RuntimeDeployment deployment, IChatStreamSink sink, CancellationToken cancellationToken)
    {
        var settings = MockSettings.Of(deployment);
        if (await FailAsync(settings, cancellationToken) is { } error)
        {
            return error;
        }

        var answer = MockAnswer.For(request);
        var choices = Choices(request);
        var delay = settings.TokensPerSecond > 0 ? TimeSpan.FromSeconds(1 / settings.TokensPerSecond) : TimeSpan.Zero;
        await sink.UsageAsync(new TokenUsage(answer.PromptTokens, 0), cancellationToken);
        await sink.StartAsync(NewId(), deployment.UpstreamModel, cancellationToken);
        var sent = 0;
        for (var c = 0; c < choices; c++)
        {
            if (answer.ToolCall is { } call)
            {
                await sink.ToolCallAsync(c, 0, call.Id, call.Name, cancellationToken);
                var half = call.Arguments.Length / 2;
                await sink.ToolArgumentsAsync(c, 0, call.Arguments[..half], cancellationToken);
                await sink.ToolArgumentsAsync(c, 0, call.Arguments[half..], cancellationToken);
            }

            foreach (var piece in answer.Pieces)
            {
                if (settings.FailAfterTokens is { } limit && sent++ >= limit)
                {
                    await sink.ErrorAsync(GatewayError.Upstream("The mock provider was configured to fail mid-stream."), cancellationToken);
                    return null;
                }

                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, time, cancellationToken);
                }

                await sink.TextAsync(c, piece, cancellationToken);
            }

            await sink.FinishAsync(c, answer.FinishReason, null, cancellationToken);
        }

        await sink.UsageAsync(answer.Usage(choices), cancellationToken);
        await sink.CompleteAsync(cancellationToken);
        return null;
    }

    public Task<ProviderResult<TokenCount>> CountTokensAsync(ChatRequest request, RuntimeDeployment deployment, CancellationToken cancellationToken) =>
        Task.FromResult<ProviderResult<TokenCount>>(new TokenCount(Math.Max(1, request.EstimateInputTokens())));

    private async Task<GatewayError?> FailAsync(MockSettings settings, CancellationToken cancellationToken)
    {
        if (settings.LatencyMs > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(settings.LatencyMs), time, cancellationToken);
        }

        return settings.FailStatus is { } status
            ? UpstreamErrors.FromStatus(status, $"The mock provider was configured to fail with HTTP {status}.", "mock_failure", status == 429 ? "1" : null)
            : null;
    }

    private static int Choices(ChatRequest request) => Math.Clamp(request.N ?? 1, 1, MaxChoices);

    private string NewId() => "mock-" + Guid.CreateVersion7(time.GetUtcNow()).ToString("N");
}
