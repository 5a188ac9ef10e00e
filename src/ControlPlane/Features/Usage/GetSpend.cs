using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.ApiKeys;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Usage;

/// <summary>
/// GET /api/tenants/{tenantId}/spend?from=&amp;to=&amp;groupBy=team|key|model|tag (members): cost, token and request totals of
/// the tenant's usage records the caller may account for (a developer: their teams' keys and their personal keys, see
/// <see cref="KeyScope.FilterUsage"/>; tenant admins, finance and platform admins: all) with <c>from ≤ timestamp &lt; to</c> (ISO 8601; default the last 30 days, at most 366 days),
/// most expensive first. Team, key and model totals are summed by the database; tag totals are summed over the period's
/// tagged records as they are read (a record with several tags counts in each; untagged ones under "(untagged)").
/// </summary>
public static class GetSpend
{
    public const string Untagged = "(untagged)";
    public static readonly TimeSpan DefaultRange = TimeSpan.FromDays(30);
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(366);

    private static readonly string[] GroupBys = ["team", "key", "model", "tag"];

    public static async Task<Results<Ok<SpendDto>, ValidationProblem>> HandleAsync(
        Guid tenantId, string? from, string? to, string? groupBy, Caller caller, ControlPlaneDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var end = errors.OptionalTime("to", to) ?? time.GetUtcNow();
        var start = errors.OptionalTime("from", from) ?? end - DefaultRange;
        if (errors.IsValid && start >= end)
        {
            errors.Add("from", "The from field must be before to.");
        }
        else if (errors.IsValid && end - start > MaxRange)
        {
            errors.Add("from", $"The period must be at most {MaxRange.TotalDays} days.");
        }

        var group = groupBy?.Trim().ToLowerInvariant();
        if (group is null || !GroupBys.Contains(group))
        {
            errors.Add("groupBy", "The groupBy field must be one of team, key, model, tag.");
        }

        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var scope = await KeyScope.ForAsync(caller, tenantId, db, cancellationToken);
        var records = scope.FilterUsage(
            db.UsageRecords.AsNoTracking().Where(u => u.TenantId == tenantId && u.Timestamp >= start && u.Timestamp < end),
            db.VirtualKeys.Where(k => k.TenantId == tenantId));
        var groups = group switch
        {
            "team" => await Labelled(records.GroupBy(u => u.TeamId), () => db.Teams.Where(t => t.TenantId == tenantId).Select(t => new { t.Id, t.Name }).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken), cancellationToken),
            "key" => await Labelled(records.GroupBy(u => u.KeyId), () => db.VirtualKeys.Where(k => k.TenantId == tenantId).Select(k => new { k.Id, k.Name }).ToDictionaryAsync(k => k.Id, k => k.Name, cancellationToken), cancellationToken),
            "model" => await Sum(records.GroupBy(u => u.Model), m => m, cancellationToken),
            _ => await ByTagAsync(records, cancellationToken),
        };

        var total = await records.GroupBy(_ => 1).Select(g => new SpendGroupDto(
            "total", null, g.Sum(u => u.CostMicros), g.LongCount(), g.Sum(u => (long)u.PromptTokens), g.Sum(u => (long)u.CompletionTokens),
            g.Sum(u => (long)u.CachedInputTokens), g.Sum(u => (long)u.CacheWriteTokens), g.Sum(u => (long)u.ReasoningTokens),
            g.LongCount(u => u.Estimated))).FirstOrDefaultAsync(cancellationToken) ?? new SpendGroupDto("total", null, 0, 0, 0, 0, 0, 0, 0, 0);

        return TypedResults.Ok(new SpendDto(start, end, group!,
            groups.OrderByDescending(g => g.CostMicros).ThenByDescending(g => g.Requests).ThenBy(g => g.Key, StringComparer.Ordinal).ToArray(),
            total));
    }

    /// <summary>The sums per id, then their names: one query after the other (a DbContext runs one at a time; PostgreSQL refuses two).</summary>
    private static async Task<List<SpendGroupDto>> Labelled(
        IQueryable<IGrouping<Guid, UsageRecordEntity>> groups, Func<Task<Dictionary<Guid, string>>> names, CancellationToken cancellationToken)
    {
        var sums = await Sum(groups, id => id.ToString(), cancellationToken);
        var labels = await names();
        return sums.Select(s => s with { Label = labels.GetValueOrDefault(Guid.Parse(s.Key)) }).ToList();
    }

    private static async Task<List<SpendGroupDto>> Sum<TKey>(
        IQueryable<IGrouping<TKey, UsageRecordEntity>> groups, Func<TKey, string> key, CancellationToken cancellationToken)
    {
        var rows = await groups.Select(g => new
        {
            g.Key,
            Cost = g.Sum(u => u.CostMicros),
            Requests = g.LongCount(),
            Prompt = g.Sum(u => (long)u.PromptTokens),
            Completion = g.Sum(u => (long)u.CompletionTokens),
            Cached = g.Sum(u => (long)u.CachedInputTokens),
            Written = g.Sum(u => (long)u.CacheWriteTokens),
            Reasoning = g.Sum(u => (long)u.ReasoningTokens),
            Estimated = g.LongCount(u => u.Estimated),
        }).ToListAsync(cancellationToken);
        return rows.Select(r => new SpendGroupDto(key(r.Key), null, r.Cost, r.Requests, r.Prompt, r.Completion, r.Cached, r.Written, r.Reasoning, r.Estimated)).ToList();
    }

    private static async Task<List<SpendGroupDto>> ByTagAsync(IQueryable<UsageRecordEntity> records, CancellationToken cancellationToken)
    {
        var totals = new Dictionary<string, long[]>(StringComparer.Ordinal);
        var rows = records.Select(u => new
        {
            u.Tags, u.CostMicros, u.PromptTokens, u.CompletionTokens, u.CachedInputTokens, u.CacheWriteTokens, u.ReasoningTokens, u.Estimated,
        }).AsAsyncEnumerable();
        await foreach (var u in rows.WithCancellation(cancellationToken))
        {
            foreach (var tag in u.Tags is { Count: > 0 } tags ? tags.Distinct(StringComparer.Ordinal) : [Untagged])
            {
                if (!totals.TryGetValue(tag, out var t))
                {
                    totals[tag] = t = new long[8];
                }

                t[0] += u.CostMicros;
                t[1]++;
                t[2] += u.PromptTokens;
                t[3] += u.CompletionTokens;
                t[4] += u.CachedInputTokens;
                t[5] += u.CacheWriteTokens;
                t[6] += u.ReasoningTokens;
                t[7] += u.Estimated ? 1 : 0;
            }
        }

        return totals.Select(kv => new SpendGroupDto(kv.Key, null, kv.Value[0], kv.Value[1], kv.Value[2], kv.Value[3], kv.Value[4], kv.Value[5], kv.Value[6], kv.Value[7])).ToList();
    }
}
