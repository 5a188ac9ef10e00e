using System.Text.Json.Serialization;

namespace Switchyard.Shared.Configuration;

/// <param name="PolicyIds">Policies the team's requests are held to beside the tenant's default; null (left out of the JSON) for none.</param>
/// <param name="Limits">The team's rate limits (all its keys together); null (left out of the JSON) for none.</param>
/// <param name="Budget">The team's budget (all its keys together); null (left out of the JSON) for none.</param>
public sealed record TeamSnapshot(
    Guid Id,
    Guid TenantId,
    string Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RateLimits? Limits = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<Guid>? PolicyIds = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Budget? Budget = null);
