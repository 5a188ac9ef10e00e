namespace Switchyard.DataPlane.Chat;

/// <summary>Roles of a canonical conversation turn; system text lives on <see cref="ChatRequest.System"/>.</summary>
public enum ChatRole
{
    User,
    Assistant,

    /// <summary>The result of a tool call (OpenAI <c>role:"tool"</c>, Anthropic <c>tool_result</c>, Gemini <c>functionResponse</c>).</summary>
    Tool,
}
