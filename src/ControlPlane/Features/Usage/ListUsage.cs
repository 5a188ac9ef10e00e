using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Usage;

/// <summary>GET /api/tenants/{tenantId}/usage?keyId=&amp;limit=: newest first, limit 1..1000 (default 100).</summary>
public static class ListUsage
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static async Task<Results<Ok<UsageRecordDto[]>, ValidationProblem>> HandleAsync(
        Guid tenantId, Guid? keyId, int? limit, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit)
        {
            return new ValidationErrors().Add("limit", $"The limit field must be between 1 and {MaxLimit}.").ToProblem();
        }

        var query = db.UsageRecords.AsNoTracking().Where(u => u.TenantId == tenantId);
        if (keyId is { } key)
        {
            query = query.Where(u => u.KeyId == key);
        }

        var records = await query.OrderByDescending(u => u.Timestamp).ThenByDescending(u => u.Id).Take(take).ToListAsync(cancellationToken);
        return TypedResults.Ok(records.Select(u => new UsageRecordDto(
            u.Id, u.Timestamp, u.TeamId, u.KeyId, u.Model, u.ProviderKind, u.Stream, u.PromptTokens, u.CompletionTokens,
            u.StatusCode, u.ErrorCode, u.LatencyMs, u.TimeToFirstTokenMs, u.Attempts, u.CachedInputTokens, u.CacheWriteTokens,
            u.ReasoningTokens, u.CostMicros, u.PriceVersion, u.Estimated, u.Tags, u.Findings)).ToArray());
    }
}
