using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.ApiKeys;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Usage;

/// <summary>
/// GET /api/tenants/{tenantId}/usage?keyId=&amp;teamId=&amp;model=&amp;status=&amp;from=&amp;to=&amp;offset=&amp;limit=: the usage records
/// the caller may account for (a developer: their teams' keys and their personal keys, see <see cref="KeyScope.FilterUsage"/>;
/// tenant admins, finance, platform admins and admin keys: all), newest first,
/// limit 1..1000 (default 100), skipping <c>offset</c> records (paging). <c>status</c> is <c>ok</c> (below 400) or <c>error</c>;
/// <c>from</c> (inclusive) and <c>to</c> (exclusive) are ISO 8601 times.
/// </summary>
public static class ListUsage
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static async Task<Results<Ok<UsageRecordDto[]>, ValidationProblem>> HandleAsync(
        Guid tenantId, Guid? keyId, int? limit, Caller caller, ControlPlaneDbContext db, CancellationToken cancellationToken,
        Guid? teamId = null, string? model = null, string? status = null, string? from = null, string? to = null, int? offset = null)
    {
        var take = limit ?? DefaultLimit;
        var errors = new ValidationErrors();
        if (take is < 1 or > MaxLimit)
        {
            errors.Add("limit", $"The limit field must be between 1 and {MaxLimit}.");
        }

        if (offset is < 0)
        {
            errors.Add("offset", "The offset field must be 0 or more.");
        }

        if (status is not (null or "" or "ok" or "error"))
        {
            errors.Add("status", "The status field must be 'ok' or 'error'.");
        }

        var start = errors.OptionalTime("from", from);
        var end = errors.OptionalTime("to", to);
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var scope = await KeyScope.ForAsync(caller, tenantId, db, cancellationToken);
        var query = scope.FilterUsage(
            db.UsageRecords.AsNoTracking().Where(u => u.TenantId == tenantId), db.VirtualKeys.Where(k => k.TenantId == tenantId));
        if (keyId is { } key)
        {
            query = query.Where(u => u.KeyId == key);
        }

        if (teamId is { } team)
        {
            query = query.Where(u => u.TeamId == team);
        }

        if (!string.IsNullOrEmpty(model))
        {
            query = query.Where(u => u.Model == model);
        }

        query = status switch
        {
            "ok" => query.Where(u => u.StatusCode < 400),
            "error" => query.Where(u => u.StatusCode >= 400),
            _ => query,
        };
        if (start is { } fromTime)
        {
            query = query.Where(u => u.Timestamp >= fromTime);
        }

        if (end is { } toTime)
        {
            query = query.Where(u => u.Timestamp < toTime);
        }

        var records = await query.OrderByDescending(u => u.Timestamp).ThenByDescending(u => u.Id)
            .Skip(offset ?? 0).Take(take).ToListAsync(cancellationToken);
        return TypedResults.Ok(records.Select(u => new UsageRecordDto(
            u.Id, u.Timestamp, u.TeamId, u.KeyId, u.Model, u.ProviderKind, u.Stream, u.PromptTokens, u.CompletionTokens,
            u.StatusCode, u.ErrorCode, u.LatencyMs, u.TimeToFirstTokenMs, u.Attempts, u.CachedInputTokens, u.CacheWriteTokens,
            u.ReasoningTokens, u.CostMicros, u.PriceVersion, u.Estimated, u.Tags, u.Findings)).ToArray());
    }
}
