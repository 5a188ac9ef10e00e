using System.Text.Json;

namespace Switchyard.DataPlane.Chat;

/// <summary>A function the model may call.</summary>
/// <param name="Parameters">The JSON Schema of the arguments; an empty object schema when the caller gave none.</param>
public sealed record ToolDefinition(string Name, string? Description, JsonElement Parameters)
{
    public bool? Strict { get; init; }
}
