using System.Text;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Tests.Infrastructure;

/// <summary>
/// An <see cref="IChatStreamSink"/> that records canonical events as readable lines (e.g. <c>text 0 "Hel"</c>), so
/// provider stream tests can assert the exact translation, and reassembles the answer.
/// </summary>
internal sealed class RecordingSink : IChatStreamSink
{
    private readonly Dictionary<(int Choice, int Tool), StringBuilder> _arguments = [];

    public List<string> Events { get; } = [];

    public StringBuilder Text { get; } = new();

    public List<(string Id, string Name)> ToolCalls { get; } = [];

    public TokenUsage? Usage { get; private set; }

    public FinishReason? Finish { get; private set; }

    public GatewayError? Error { get; private set; }

    public bool Completed { get; private set; }

    /// <summary>The concatenated argument fragments of a tool call.</summary>
    public string Arguments(int tool, int choice = 0) => _arguments.TryGetValue((choice, tool), out var sb) ? sb.ToString() : "";

    public ValueTask StartAsync(string? id, string? upstreamModel, CancellationToken cancellationToken) => Add($"start {id} {upstreamModel}");

    public ValueTask TextAsync(int choice, string text, CancellationToken cancellationToken)
    {
        Text.Append(text);
        return Add($"text {choice} \"{text}\"");
    }

    public ValueTask ReasoningAsync(int choice, string text, CancellationToken cancellationToken) => Add($"reasoning {choice} \"{text}\"");

    public ValueTask ToolCallAsync(int choice, int toolIndex, string id, string name, CancellationToken cancellationToken)
    {
        ToolCalls.Add((id, name));
        _arguments[(choice, toolIndex)] = new StringBuilder();
        return Add($"tool {choice} {toolIndex} {id} {name}");
    }

    public ValueTask ToolArgumentsAsync(int choice, int toolIndex, string fragment, CancellationToken cancellationToken)
    {
        if (!_arguments.TryGetValue((choice, toolIndex), out var sb))
        {
            throw new InvalidOperationException($"Arguments for tool {toolIndex} before the tool call opened.");
        }

        sb.Append(fragment);
        return Add($"args {choice} {toolIndex} {fragment}");
    }

    public ValueTask FinishAsync(int choice, FinishReason reason, string? stopSequence, CancellationToken cancellationToken)
    {
        Finish = reason;
        return Add($"finish {choice} {reason}{(stopSequence is null ? "" : " " + stopSequence)}");
    }

    public ValueTask UsageAsync(TokenUsage usage, CancellationToken cancellationToken)
    {
        Usage = usage;
        return Add($"usage {usage.InputTokens} {usage.OutputTokens} cached={usage.CachedInputTokens} write={usage.CacheWriteInputTokens} reasoning={usage.ReasoningTokens}");
    }

    public ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        Completed = true;
        return Add("complete");
    }

    public ValueTask ErrorAsync(GatewayError error, CancellationToken cancellationToken)
    {
        Error = error;
        return Add($"error {error.Kind} {error.Status} {error.Code}");
    }

    private ValueTask Add(string line)
    {
        Events.Add(line);
        return ValueTask.CompletedTask;
    }
}
