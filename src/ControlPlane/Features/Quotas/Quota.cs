using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Errors;

namespace Switchyard.ControlPlane.Features.Quotas;

/// <summary>
/// One of a tenant's effective quotas (<see cref="TenantQuotas.ForTenantAsync"/>). A handler asks it before writing and
/// returns its refusal: 409 ProblemDetails naming the quota, its limit and, for a quota on one request's list, the field.
/// </summary>
/// <param name="Name">The quota's name as in the API and in <c>Quotas:*</c> (camelCase): <c>keys</c>, <c>allowedModelsPerKey</c>.</param>
public readonly record struct Quota(string Name, int Limit)
{
    /// <summary>Refuses a list <paramref name="field"/> of <paramref name="count"/> entries when that is more than the limit.</summary>
    public ProblemHttpResult? RefusesList(int count, string field) => count <= Limit
        ? null
        : Problems.QuotaExceeded(Name, Limit, field,
            $"The {field} field has {count} entries; this tenant's {Name} quota allows at most {Limit}. "
            + "A platform administrator can raise the quota.");

    /// <summary>Refuses one more row when <paramref name="existing"/> (the tenant's rows that count) already reaches the limit.</summary>
    public async Task<ProblemHttpResult?> RefusesOneMoreAsync<T>(IQueryable<T> existing, CancellationToken cancellationToken)
    {
        var count = await existing.CountAsync(cancellationToken);
        return count < Limit
            ? null
            : Problems.QuotaExceeded(Name, Limit, null,
                $"This tenant has reached its {Name} quota ({Limit}). Remove some first, or ask a platform administrator to raise the quota.");
    }
}
