using Microsoft.AspNetCore.Http.HttpResults;
using Switchyard.ControlPlane.Features.ApiKeys;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Analytics;

/// <summary>
/// GET /api/tenants/{tenantId}/analytics?from=&amp;to=&amp;interval=hour|day&amp;groupBy=model|deployment|team|key&amp;limit= (members):
/// the tenant's requests, error rate, latency and TTFT percentiles, output tokens per second, tokens, cache hit rate and
/// cost over time, from the hourly rollups (see <see cref="AnalyticsRequest"/>). A developer's answer counts only the usage
/// of their teams' keys and their own personal keys (as keys, usage and spend do).
/// </summary>
public static class GetTenantAnalytics
{
    public static readonly string[] GroupBys = ["model", "deployment", "team", "key"];

    public static async Task<Results<Ok<AnalyticsDto>, ValidationProblem>> HandleAsync(
        Guid tenantId, string? from, string? to, string? interval, string? groupBy, int? limit, Caller caller, ControlPlaneDbContext db,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var request = AnalyticsRequest.Parse(from, to, interval, groupBy, limit, GroupBys, time.GetUtcNow(), errors);
        if (request is null)
        {
            return errors.ToProblem();
        }

        var scope = await KeyScope.ForAsync(caller, tenantId, db, cancellationToken);
        return TypedResults.Ok(await AnalyticsQuery.RunAsync(db, tenantId, request, cancellationToken, scope));
    }
}
