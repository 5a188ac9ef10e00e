using System.Text.Json.Serialization;

namespace Switchyard.Shared.Configuration;

/// <param name="DefaultPolicyId">The policy every request of the tenant is held to; null (left out of the JSON) for none.</param>
/// <param name="Limits">The tenant's rate limits (all its keys together); null (left out of the JSON) for none.</param>
/// <param name="Budget">The tenant's budget (all its keys together); null (left out of the JSON) for none.</param>
/// <param name="TimeZone">The IANA time zone budget periods start in; null for UTC.</param>
/// <param name="Billing">The tenant's billing standing when not good (a failed payment); null (left out of the JSON) when in good standing.</param>
/// <param name="Audit">The tenant's audit settings; null (left out of the JSON) for the defaults (metadata).</param>
public sealed record TenantSnapshot(
    Guid Id,
    string Name,
    bool Active,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RateLimits? Limits = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? DefaultPolicyId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Budget? Budget = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TimeZone = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TenantBillingStatus? Billing = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] AuditSettings? Audit = null);
