using System.Text;
using System.Text.Json.Nodes;

namespace Switchyard.Testing.Upstream;

/// <summary>One request a <see cref="FakeUpstream"/> received, recorded before it was answered.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathAndQuery">
/// The request target exactly as sent, NOT percent-decoded (a Bedrock model id keeps its <c>%3A</c>), e.g.
/// <c>/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse</c> or <c>/anthropic/v1/messages</c>.
/// </param>
/// <param name="Headers">Every request header (case-insensitive names; repeated values joined by commas).</param>
/// <param name="BodyBytes">The request body exactly as received (empty when there is none).</param>
public sealed record RecordedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, byte[] BodyBytes)
{
    /// <summary>The body as UTF-8 text ("" when empty).</summary>
    public string Body { get; } = Encoding.UTF8.GetString(BodyBytes);

    /// <summary>The path without the query (still not percent-decoded).</summary>
    public string Path => PathAndQuery.Split('?', 2)[0];

    /// <summary>The body parsed as JSON (throws when it is not JSON).</summary>
    public JsonNode Json => JsonNode.Parse(Body) ?? throw new InvalidOperationException("The request body is JSON null.");

    /// <summary>A header's value, or null when the request did not carry it.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
