using System.Text.Json.Serialization;

namespace Switchyard.Shared.Configuration;

/// <summary>The limits of one public model within a key, team or tenant (see <see cref="RateLimits"/>); null is unlimited.</summary>
public sealed record ModelRateLimits(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? RequestsPerMinute = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? TokensPerMinute = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? MaxConcurrent = null);
