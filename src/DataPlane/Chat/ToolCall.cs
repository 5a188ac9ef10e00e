namespace Switchyard.DataPlane.Chat;

/// <summary>A function call made by the model.</summary>
/// <param name="Id">The call id (synthesised by the gateway where the provider has none).</param>
/// <param name="Arguments">The arguments as a JSON text (an object; "{}" when empty).</param>
public sealed record ToolCall(string Id, string Name, string Arguments)
{
    /// <summary>Provider data to echo back on the next turn (Gemini <c>thoughtSignature</c>); null when none.</summary>
    public string? Signature { get; init; }
}
