using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Pipeline;

namespace Switchyard.DataPlane.Limits;

/// <summary>
/// Cuts a translated stream at its budget: after each piece of output it checks <see cref="GatewayContext.CutOff"/>; once
/// set, the caller's stream ends with the dialect's error event and <see cref="BudgetCutException"/> stops the provider's
/// translation (so the upstream stream is closed and stops producing). Used only for requests under a budget.
/// </summary>
public sealed class BudgetCutSink(IChatStreamSink inner, GatewayContext context) : IChatStreamSink
{
    public ValueTask StartAsync(string? id, string? upstreamModel, CancellationToken cancellationToken) => inner.StartAsync(id, upstreamModel, cancellationToken);

    public async ValueTask TextAsync(int choice, string text, CancellationToken cancellationToken)
    {
        await inner.TextAsync(choice, text, cancellationToken);
        await CheckAsync(cancellationToken);
    }

    public async ValueTask ReasoningAsync(int choice, string text, CancellationToken cancellationToken)
    {
        await inner.ReasoningAsync(choice, text, cancellationToken);
        await CheckAsync(cancellationToken);
    }

    public ValueTask ToolCallAsync(int choice, int toolIndex, string id, string name, CancellationToken cancellationToken) =>
        inner.ToolCallAsync(choice, toolIndex, id, name, cancellationToken);

    public async ValueTask ToolArgumentsAsync(int choice, int toolIndex, string fragment, CancellationToken cancellationToken)
    {
        await inner.ToolArgumentsAsync(choice, toolIndex, fragment, cancellationToken);
        await CheckAsync(cancellationToken);
    }

    public ValueTask FinishAsync(int choice, FinishReason reason, string? stopSequence, CancellationToken cancellationToken) =>
        inner.FinishAsync(choice, reason, stopSequence, cancellationToken);

    public ValueTask UsageAsync(TokenUsage usage, CancellationToken cancellationToken) => inner.UsageAsync(usage, cancellationToken);

    public ValueTask CompleteAsync(CancellationToken cancellationToken) => inner.CompleteAsync(cancellationToken);

    public ValueTask ErrorAsync(GatewayError error, CancellationToken cancellationToken) => inner.ErrorAsync(error, cancellationToken);

    private async ValueTask CheckAsync(CancellationToken cancellationToken)
    {
        if (context.CutOff is { } cut)
        {
            await inner.ErrorAsync(cut, cancellationToken);
            throw new BudgetCutException();
        }
    }
}
