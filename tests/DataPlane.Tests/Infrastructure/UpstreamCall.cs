using System.Text;
using System.Text.Json;

namespace Switchyard.DataPlane.Tests.Infrastructure;

/// <summary>A request as a <see cref="ScriptedUpstream"/> received it.</summary>
/// <param name="PathAndQuery">e.g. /v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse</param>
internal sealed record UpstreamCall(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}
