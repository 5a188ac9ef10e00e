using Microsoft.AspNetCore.Http.HttpResults;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Analytics;

/// <summary>
/// GET /api/platform/analytics?from=&amp;to=&amp;interval=&amp;groupBy=tenant|model|deployment|team|key&amp;limit= (platform admins): the
/// same as <see cref="GetTenantAnalytics"/> across every tenant.
/// </summary>
public static class GetPlatformAnalytics
{
    public static readonly string[] GroupBys = ["tenant", "model", "deployment", "team", "key"];

    public static async Task<Results<Ok<AnalyticsDto>, ValidationProblem>> HandleAsync(
        string? from, string? to, string? interval, string? groupBy, int? limit, ControlPlaneDbContext db, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var request = AnalyticsRequest.Parse(from, to, interval, groupBy, limit, GroupBys, time.GetUtcNow(), errors);
        if (request is null)
        {
            return errors.ToProblem();
        }

        return TypedResults.Ok(await AnalyticsQuery.RunAsync(db, null, request, cancellationToken));
    }
}
