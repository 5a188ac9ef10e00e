using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Tests.Fuzzing.Providers;

/// <summary>
/// Checks what a provider's stream translator sends against the <see cref="IChatStreamSink"/> contract (start once
/// before any delta; tool arguments only for a call that was opened, each call opened once; nothing after exactly one
/// Complete or Error) and passes every event on to a real dialect sink.
/// </summary>
internal sealed class ProtocolSink(IChatStreamSink inner) : IChatStreamSink
{
    private readonly HashSet<(int Choice, int Tool)> _tools = [];
    private bool _started;

    public string? Terminal { get; private set; }

    public ValueTask StartAsync(string? id, string? upstreamModel, CancellationToken cancellationToken)
    {
        Live("start");
        Require(!_started, "StartAsync called twice");
        _started = true;
        return inner.StartAsync(id, upstreamModel, cancellationToken);
    }

    public ValueTask TextAsync(int choice, string text, CancellationToken cancellationToken)
    {
        Delta("text", choice);
        return inner.TextAsync(choice, text, cancellationToken);
    }

    public ValueTask ReasoningAsync(int choice, string text, CancellationToken cancellationToken)
    {
        Delta("reasoning", choice);
        return inner.ReasoningAsync(choice, text, cancellationToken);
    }

    public ValueTask ToolCallAsync(int choice, int toolIndex, string id, string name, CancellationToken cancellationToken)
    {
        Delta("tool call", choice);
        Require(toolIndex >= 0, $"tool index {toolIndex}");
        Require(_tools.Add((choice, toolIndex)), $"tool call {choice}/{toolIndex} opened twice");
        return inner.ToolCallAsync(choice, toolIndex, id, name, cancellationToken);
    }

    public ValueTask ToolArgumentsAsync(int choice, int toolIndex, string fragment, CancellationToken cancellationToken)
    {
        Delta("tool arguments", choice);
        Require(_tools.Contains((choice, toolIndex)), $"arguments for tool call {choice}/{toolIndex} that was never opened");
        return inner.ToolArgumentsAsync(choice, toolIndex, fragment, cancellationToken);
    }

    public ValueTask FinishAsync(int choice, FinishReason reason, string? stopSequence, CancellationToken cancellationToken)
    {
        Delta("finish", choice);
        return inner.FinishAsync(choice, reason, stopSequence, cancellationToken);
    }

    public ValueTask UsageAsync(TokenUsage usage, CancellationToken cancellationToken)
    {
        Live("usage");
        return inner.UsageAsync(usage, cancellationToken);
    }

    public ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        Live("complete");
        Require(_started, "CompleteAsync before StartAsync");
        Terminal = "complete";
        return inner.CompleteAsync(cancellationToken);
    }

    public ValueTask ErrorAsync(GatewayError error, CancellationToken cancellationToken)
    {
        Live("error");
        Require(error.Status is >= 400 and <= 599 && !string.IsNullOrWhiteSpace(error.Message), $"error {error}");
        Terminal = $"error {error.Status} {error.Code}";
        return inner.ErrorAsync(error, cancellationToken);
    }

    private void Delta(string what, int choice)
    {
        Live(what);
        Require(_started, $"{what} before StartAsync");
        Require(choice >= 0, $"{what} for choice {choice}");
    }

    private void Live(string what) => Require(Terminal is null, $"{what} after {Terminal}");

    private static void Require(bool condition, string violation)
    {
        if (!condition)
        {
            throw new SinkProtocolException(violation);
        }
    }
}
