using System.Text.Json;

namespace Switchyard.DataPlane.Chat;

/// <summary>OpenAI <c>response_format</c>: plain text, any JSON object, or JSON matching a schema.</summary>
public sealed record ResponseFormat(ResponseFormatKind Kind, string? Name = null, JsonElement? Schema = null, bool? Strict = null, string? Description = null);
