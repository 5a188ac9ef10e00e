using System.Text.Json.Serialization;

namespace Switchyard.Shared.Configuration;

/// <summary>
/// Rate limits of a key, a team or a tenant (each optional; a request must fit every level, the tightest wins). Null
/// members are unlimited and left out of the JSON.
/// </summary>
/// <param name="RequestsPerMinute">Requests admitted per minute (fixed one-minute windows).</param>
/// <param name="TokensPerMinute">Input + output tokens per minute: input estimated before the call, settled to the actual usage after.</param>
/// <param name="MaxConcurrent">Requests in flight at once (a stream counts until it ends).</param>
/// <param name="ModelLimits">The same limits per public model, enforced beside the level's own.</param>
public sealed record RateLimits(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? RequestsPerMinute = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? TokensPerMinute = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? MaxConcurrent = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, ModelRateLimits>? ModelLimits = null)
{
    /// <summary>True when nothing is limited (such limits are stored as none).</summary>
    [JsonIgnore]
    public bool IsEmpty => RequestsPerMinute is null && TokensPerMinute is null && MaxConcurrent is null && (ModelLimits is null || ModelLimits.Count == 0);
}
