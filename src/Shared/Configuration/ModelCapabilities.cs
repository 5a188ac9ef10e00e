namespace Switchyard.Shared.Configuration;

/// <summary>
/// What an upstream model can serve, so the data plane can refuse (or, with a route's <c>DropUnsupportedParams</c>, drop)
/// request features a model cannot handle instead of forwarding a request the provider would reject.
/// Comes from the control plane's built-in model catalog unless a deployment overrides it (an override replaces the whole record).
/// </summary>
/// <param name="ContextWindow">Prompt plus output tokens the model accepts; null when unknown (no limit enforced).</param>
/// <param name="MaxOutputTokens">The most tokens one answer may have; null when unknown (no limit enforced).</param>
/// <param name="Chat">Serves chat completions / messages.</param>
/// <param name="Tools">Accepts tool (function) definitions and tool choice.</param>
/// <param name="Vision">Accepts image content parts.</param>
/// <param name="JsonSchema">Accepts a <c>json_schema</c> response format (natively or emulated by the gateway).</param>
/// <param name="Embeddings">Serves embeddings.</param>
public sealed record ModelCapabilities(
    int? ContextWindow = null,
    int? MaxOutputTokens = null,
    bool Chat = true,
    bool Tools = false,
    bool Vision = false,
    bool JsonSchema = false,
    bool Embeddings = false)
{
    /// <summary>Everything allowed, no limits: the mock provider, and the base of unknown models.</summary>
    public static ModelCapabilities Unrestricted { get; } = new(Chat: true, Tools: true, Vision: true, JsonSchema: true, Embeddings: true);
}
