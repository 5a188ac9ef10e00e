using System.Text.Json.Nodes;

namespace Switchyard.Testing.FakeProviders;

/// <summary>
/// One request the <see cref="FakeProviderServer"/> received, recorded before it was answered (auth failures included).
/// </summary>
/// <param name="Family">
/// The provider family the path addressed: openai, mistral, groq, together, deepseek, fireworks, openrouter, vllm,
/// ollama, azure, anthropic, gemini or bedrock (the first path segment; "unknown" for anything else).
/// </param>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathAndQuery">
/// The request target exactly as sent, NOT percent-decoded (a Bedrock model id keeps its <c>%3A</c>), including the
/// family prefix, e.g. <c>/bedrock/model/anthropic.claude-v2%3A1/converse-stream</c>.
/// </param>
/// <param name="Headers">Every request header (case-insensitive names; repeated values joined by commas).</param>
/// <param name="Body">The request body as UTF-8 text ("" when empty).</param>
public sealed record RecordedProviderRequest(
    string Family,
    string Method,
    string PathAndQuery,
    IReadOnlyDictionary<string, string> Headers,
    string Body)
{
    /// <summary>The body parsed as JSON (throws when it is not JSON).</summary>
    public JsonNode Json => JsonNode.Parse(Body) ?? throw new InvalidOperationException("The request body is JSON null.");

    /// <summary>A header's value, or null when the request did not carry it.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
