namespace Switchyard.DataPlane.Chat;

public enum ToolChoiceMode
{
    Auto,
    None,

    /// <summary>The model must call some tool (OpenAI <c>required</c>, Anthropic <c>any</c>, Gemini <c>ANY</c>).</summary>
    Required,

    /// <summary>The model must call the tool named in <see cref="ToolChoice.Name"/>.</summary>
    Named,
}
