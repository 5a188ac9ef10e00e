using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Pipeline;
using Switchyard.Governance.Dlp;
using Switchyard.Governance.Policies;

namespace Switchyard.DataPlane.Guardrails;

/// <summary>
/// Guards a streamed answer on its way to the dialect's sink: each choice's text, and each tool call's arguments, go
/// through a <see cref="StreamGuard"/> (released behind the hold-back window, so a banned term split across chunks is
/// caught before any of it goes out; DLP findings rewritten) and then a <see cref="PseudonymRestorer"/> (placeholders split
/// across chunks are restored whole). What a choice holds is released before its next tool call starts and before it
/// finishes, so the dialect sees its parts in the upstream's order. On
/// a violation the stream stops there with the dialect's error event (<c>guardrail_blocked</c>); what the upstream still
/// sends is dropped, except its usage, which is still recorded.
/// <para>
/// External guardrails that apply to the answer (<c>http</c>, <c>moderation</c>) cannot hold a stream for a call per
/// chunk: they are asked once per choice, when it finishes (or when the stream completes without a finish), about the
/// choice's text and tool-call arguments as the built-in rules released them (placeholders not restored, at most
/// <see cref="MaxJsonCheckCharacters"/> characters of each). A block, or a fail-closed rule that cannot be asked, ends the
/// stream with the error event instead of the finish; the caller has already received the text, so a redaction is only
/// recorded (as <c>log</c>).
/// </para>
/// </summary>
/// <param name="checkJson">Keep each choice's released text and check it with the json_output rules when the choice finishes
/// (a failure ends the stream with the error event instead of the finish).</param>
internal sealed class GuardedStreamSink(
    GatewayContext context, IChatStreamSink inner, OutputGuard owner, int holdBack, bool checkJson = false, System.Text.Json.JsonElement? schema = null) : IChatStreamSink
{
    /// <summary>The most text of a choice kept for the JSON check; a longer answer is checked no further.</summary>
    public const int MaxJsonCheckCharacters = 1 << 20;

    private readonly Dictionary<int, System.Text.StringBuilder> _json = [];
    private readonly Dictionary<int, Held> _choices = [];
    private readonly Dictionary<(int Choice, int Tool), Held> _tools = [];
    private readonly Dictionary<int, List<System.Text.StringBuilder>> _seen = [];
    private readonly bool _external = context.Guard!.Policies.ExternalOutput.Count > 0;
    private bool _stopped;

    public ValueTask StartAsync(string? id, string? upstreamModel, CancellationToken cancellationToken) =>
        _stopped ? ValueTask.CompletedTask : inner.StartAsync(id, upstreamModel, cancellationToken);

    public async ValueTask TextAsync(int choice, string text, CancellationToken cancellationToken)
    {
        if (_stopped)
        {
            return;
        }

        if (!await FlushToolsAsync(choice, cancellationToken))
        {
            return;
        }

        if (!_choices.TryGetValue(choice, out var held))
        {
            _choices[choice] = held = Create(choice);
        }

        if (await PushAsync(held, text, cancellationToken) is { } released)
        {
            await ReleaseAsync(choice, released, cancellationToken);
        }
    }

    public ValueTask ReasoningAsync(int choice, string text, CancellationToken cancellationToken) =>
        _stopped ? ValueTask.CompletedTask : inner.ReasoningAsync(choice, text, cancellationToken);

    public async ValueTask ToolCallAsync(int choice, int toolIndex, string id, string name, CancellationToken cancellationToken)
    {
        if (!_stopped && await FlushAsync(choice, cancellationToken) && await FlushToolsAsync(choice, cancellationToken))
        {
            await inner.ToolCallAsync(choice, toolIndex, id, name, cancellationToken);
        }
    }

    public async ValueTask ToolArgumentsAsync(int choice, int toolIndex, string fragment, CancellationToken cancellationToken)
    {
        if (_stopped)
        {
            return;
        }

        if (!_tools.TryGetValue((choice, toolIndex), out var held))
        {
            _tools[(choice, toolIndex)] = held = Create(choice);
        }

        if (await PushAsync(held, fragment, cancellationToken) is { } released)
        {
            await ReleaseArgumentsAsync(choice, toolIndex, released, cancellationToken);
        }
    }

    public async ValueTask FinishAsync(int choice, FinishReason reason, string? stopSequence, CancellationToken cancellationToken)
    {
        if (!_stopped && await FlushAsync(choice, cancellationToken) && await FlushToolsAsync(choice, cancellationToken) && await CheckJsonAsync(choice, cancellationToken)
            && await CheckExternalAsync(choice, cancellationToken))
        {
            await inner.FinishAsync(choice, reason, stopSequence, cancellationToken);
        }
    }

    public ValueTask UsageAsync(TokenUsage usage, CancellationToken cancellationToken)
    {
        if (!_stopped)
        {
            return inner.UsageAsync(usage, cancellationToken);
        }

        context.UsageReported(usage);
        return ValueTask.CompletedTask;
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        foreach (var choice in _choices.Keys.Concat(_tools.Keys.Select(k => k.Choice)).Distinct().ToList())
        {
            if (_stopped || !await FlushAsync(choice, cancellationToken) || !await FlushToolsAsync(choice, cancellationToken))
            {
                return;
            }
        }

        foreach (var choice in _seen.Keys.ToList())
        {
            if (_stopped || !await CheckExternalAsync(choice, cancellationToken))
            {
                return;
            }
        }

        if (!_stopped)
        {
            await inner.CompleteAsync(cancellationToken);
        }
    }

    public ValueTask ErrorAsync(GatewayError error, CancellationToken cancellationToken) =>
        _stopped ? ValueTask.CompletedTask : inner.ErrorAsync(error, cancellationToken);

    private Held Create(int choice)
    {
        var guard = context.Guard!;
        System.Text.StringBuilder? seen = null;
        if (_external)
        {
            if (!_seen.TryGetValue(choice, out var texts))
            {
                _seen[choice] = texts = [];
            }

            texts.Add(seen = new System.Text.StringBuilder());
        }

        return new Held(guard.Policies.CreateStreamGuard(holdBack, guard.Findings), guard.HasPseudonyms ? new PseudonymRestorer(guard.Pseudonyms) : null, seen);
    }

    /// <summary>The external guardrails' check of a finishing choice's texts (once per choice); false when it stopped the stream.</summary>
    private async ValueTask<bool> CheckExternalAsync(int choice, CancellationToken cancellationToken)
    {
        if (!_seen.Remove(choice, out var seen) || seen.All(s => s.Length == 0))
        {
            return true;
        }

        var outcome = await owner.CheckExternalAsync(context, [.. seen.Where(s => s.Length > 0).Select(s => s.ToString())], released: true);
        if (owner.Refusal(context, outcome) is not { } refusal)
        {
            return true;
        }

        _stopped = true;
        await inner.ErrorAsync(refusal, cancellationToken);
        return false;
    }

    /// <summary>What a guard lets out of a chunk, placeholders restored; null when the chunk stopped the stream.</summary>
    private async ValueTask<string?> PushAsync(Held held, string chunk, CancellationToken cancellationToken)
    {
        var released = held.Guard.Push(chunk);
        if (held.Guard.Violation is { } violation)
        {
            await StopAsync(violation, cancellationToken);
            return null;
        }

        held.See(released);
        return held.Restorer?.Push(released) ?? released;
    }

    /// <summary>What a guard still holds at the end of its text, checked and restored; null when that stopped the stream.</summary>
    private async ValueTask<string?> DrainAsync(Held held, CancellationToken cancellationToken)
    {
        var rest = held.Guard.Complete();
        if (held.Guard.Violation is { } violation)
        {
            await StopAsync(violation, cancellationToken);
            return null;
        }

        held.See(rest);
        return held.Restorer is { } restorer ? restorer.Push(rest) + restorer.Flush() : rest;
    }

    /// <summary>Releases what a choice's tool calls still hold, in tool order; false when that stopped the stream.</summary>
    private async ValueTask<bool> FlushToolsAsync(int choice, CancellationToken cancellationToken)
    {
        if (_tools.Count == 0)
        {
            return true;
        }

        foreach (var key in _tools.Keys.Where(k => k.Choice == choice).OrderBy(k => k.Tool).ToList())
        {
            _tools.Remove(key, out var held);
            if (await DrainAsync(held!, cancellationToken) is not { } text)
            {
                return false;
            }

            await ReleaseArgumentsAsync(choice, key.Tool, text, cancellationToken);
        }

        return true;
    }

    /// <summary>Releases what a choice still holds; false when that stopped the stream.</summary>
    private async ValueTask<bool> FlushAsync(int choice, CancellationToken cancellationToken)
    {
        if (!_choices.Remove(choice, out var held))
        {
            return true;
        }

        if (await DrainAsync(held, cancellationToken) is not { } text)
        {
            return false;
        }

        await ReleaseAsync(choice, text, cancellationToken);
        return true;
    }

    private ValueTask ReleaseAsync(int choice, string text, CancellationToken cancellationToken)
    {
        if (text.Length == 0)
        {
            return ValueTask.CompletedTask;
        }

        if (checkJson)
        {
            if (!_json.TryGetValue(choice, out var kept))
            {
                _json[choice] = kept = new System.Text.StringBuilder();
            }

            if (kept.Length <= MaxJsonCheckCharacters)
            {
                kept.Append(text);
            }
        }

        return inner.TextAsync(choice, text, cancellationToken);
    }

    /// <summary>The json_output check of a finishing choice's whole text; false when it stopped the stream.</summary>
    private async ValueTask<bool> CheckJsonAsync(int choice, CancellationToken cancellationToken)
    {
        if (!checkJson || !_json.Remove(choice, out var kept) || kept.Length > MaxJsonCheckCharacters)
        {
            return true;
        }

        var findings = context.Guard!.Findings;
        context.Guard.Policies.CheckJsonOutput(kept.ToString(), findings, schema);
        if (findings.Block is not { } block)
        {
            return true;
        }

        _stopped = true;
        await inner.ErrorAsync(owner.Blocked(context, block), cancellationToken);
        return false;
    }

    private ValueTask ReleaseArgumentsAsync(int choice, int toolIndex, string text, CancellationToken cancellationToken) =>
        text.Length == 0 ? ValueTask.CompletedTask : inner.ToolArgumentsAsync(choice, toolIndex, text, cancellationToken);

    private async ValueTask StopAsync(PolicyBlock violation, CancellationToken cancellationToken)
    {
        _stopped = true;
        context.Guard!.Findings.Add(violation.Policy, violation.Rule, Shared.Governance.DlpActions.Block, output: true);
        await inner.ErrorAsync(owner.Blocked(context, violation), cancellationToken);
    }

    /// <summary>
    /// One text's guard (a choice's answer, or one tool call's arguments), its placeholder restorer, and what it released
    /// (kept for the external guardrails when they apply to the answer).
    /// </summary>
    private sealed record Held(StreamGuard Guard, PseudonymRestorer? Restorer, System.Text.StringBuilder? Seen)
    {
        public void See(string released)
        {
            if (Seen is not null && Seen.Length + released.Length <= MaxJsonCheckCharacters)
            {
                Seen.Append(released);
            }
        }
    }
}
