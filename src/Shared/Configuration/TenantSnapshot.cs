using System.Text.Json.Serialization;

namespace Switchyard.Shared.Configuration;

/// <param name="Limits">The tenant's rate limits (all its keys together); null (left out of the JSON) for none.</param>
public sealed record TenantSnapshot(
    Guid Id,
    string Name,
    bool Active,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RateLimits? Limits = null);
