namespace Switchyard.DataPlane.Chat;

/// <summary>One turn of a canonical conversation.</summary>
public sealed class ChatMessage
{
    public ChatRole Role { get; init; }

    /// <summary>Text and media parts, in order (for a tool turn: the tool's result).</summary>
    public List<ContentPart> Content { get; init; } = [];

    /// <summary>Calls the assistant made in this turn.</summary>
    public List<ToolCall> ToolCalls { get; init; } = [];

    /// <summary>For a <see cref="ChatRole.Tool"/> turn: the id of the call this answers.</summary>
    public string? ToolCallId { get; init; }

    /// <summary>For a <see cref="ChatRole.Tool"/> turn: the called function's name (resolved from history when the dialect has none).</summary>
    public string? ToolName { get; set; }

    /// <summary>For a <see cref="ChatRole.Tool"/> turn: the tool reported an error (Anthropic <c>is_error</c>).</summary>
    public bool IsError { get; init; }

    /// <summary>OpenAI participant name; only OpenAI-shaped upstreams keep it.</summary>
    public string? Name { get; init; }

    /// <summary>The concatenated text parts.</summary>
    public string Text => Content.Count == 1 && Content[0].Kind == ContentPartKind.Text
        ? Content[0].Text ?? ""
        : string.Concat(Content.Where(p => p.Kind == ContentPartKind.Text).Select(p => p.Text));
}
