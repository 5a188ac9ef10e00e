using System.Text.Json;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Providers.Anthropic;

/// <summary>
/// Anthropic token counts as they arrive (a <c>usage</c> object overwrites the fields it carries, as the SDK does).
/// Anthropic's <c>input_tokens</c> excludes cache reads and writes; the canonical input is the sum of all three.
/// </summary>
internal struct AnthropicUsage
{
    public int Input;
    public int CacheRead;
    public int CacheWrite;
    public int Output;

    /// <summary>Overwrites every count present (and not null) in <paramref name="usage"/>.</summary>
    public void Read(JsonElement usage)
    {
        if (usage.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        Read(usage, "input_tokens", ref Input);
        Read(usage, "cache_read_input_tokens", ref CacheRead);
        Read(usage, "cache_creation_input_tokens", ref CacheWrite);
        Read(usage, "output_tokens", ref Output);
    }

    public readonly TokenUsage ToTokenUsage() =>
        new(Input + CacheRead + CacheWrite, Output, CachedInputTokens: CacheRead, CacheWriteInputTokens: CacheWrite);

    private static void Read(JsonElement usage, string name, ref int field)
    {
        if (usage.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var count))
        {
            field = count;
        }
    }
}
