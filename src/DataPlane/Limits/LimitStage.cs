using System.Globalization;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Pipeline;
using Switchyard.DataPlane.Telemetry;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Limits;

/// <summary>
/// Requests, tokens and concurrency per key, team and tenant, and per public model of each: every limit that applies is
/// checked and counted together in one store call (the tightest wins); a refusal is a 429 in the caller's dialect
/// (OpenAI <c>rate_limit_exceeded</c> of type <c>requests</c> or <c>tokens</c>, Anthropic <c>rate_limit_error</c>) with
/// <c>retry-after</c>. Every answer of a limited request carries the <see cref="RateLimitHeaders"/>. Input tokens are
/// estimated from the body (4 bytes a token) and settled to the actual usage when the request ends
/// (<see cref="LimitReleaseListener"/>). A request under no limit costs one dictionary lookup per level.
/// </summary>
public sealed class LimitStage(ILimitStore store, LimitCells cells, GatewayMetrics metrics) : IGatewayStage
{
    /// <summary>Bytes of request body counted as one input token before the call.</summary>
    public const int BytesPerEstimatedToken = 4;

    private static readonly Func<object, Task> WriteHeadersOnStart = state =>
    {
        var context = (GatewayContext)state;
        RateLimitHeaders.Write(context.Http.Response.Headers, context.Limits!);
        return Task.CompletedTask;
    };

    public string Name => "limit";

    public int Order => GatewayStageOrder.Limit;

    public async ValueTask<bool> RunAsync(GatewayContext context)
    {
        var key = context.Key!;
        var snapshot = context.Snapshot!;
        var teamLimits = snapshot.Teams.TryGetValue(key.TeamId, out var team) ? team.Limits : null;
        var tenantLimits = snapshot.Tenants.TryGetValue(key.TenantId, out var tenant) ? tenant.Limits : null;
        if (key.Limits is null && teamLimits is null && tenantLimits is null)
        {
            return true;
        }

        var model = context.Model;
        var count = Count(key.Limits, model) + Count(teamLimits, model) + Count(tenantLimits, model);
        if (count == 0)
        {
            return true;
        }

        var lease = new LimitLease(context.Body.Length / BytesPerEstimatedToken + 1, count);
        Collect(lease, LimitScope.Key, key.Id, key.Limits, model);
        Collect(lease, LimitScope.Team, key.TeamId, teamLimits, model);
        Collect(lease, LimitScope.Tenant, key.TenantId, tenantLimits, model);

        if (await store.TryAcquireAsync(lease))
        {
            context.Limited(lease);
            context.Http.Response.OnStarting(WriteHeadersOnStart, context);
            return true;
        }

        RateLimitHeaders.Write(context.Http.Response.Headers, lease);
        metrics.Rejected(context, RejectionReason(lease));
        await context.Dialect.WriteErrorAsync(context.Http, Refusal(lease));
        return false;
    }

    /// <summary>The 429 for a refused lease, worded like OpenAI's (which limit, its value, what was used and asked).</summary>
    public static GatewayError Refusal(LimitLease lease)
    {
        var op = lease.Ops[lease.Refused];
        var retryAfter = op.Kind == CounterKind.Concurrent ? 1 : Math.Max(1, (lease.ResetMilliseconds + 999) / 1000);
        var what = op.Kind switch
        {
            CounterKind.Requests => "requests per min (RPM)",
            CounterKind.Tokens => "tokens per min (TPM)",
            _ => "concurrent requests",
        };
        var scope = op.Scope.ToString().ToLowerInvariant() + (op.Model.Length > 0 ? $" for model {op.Model}" : "");
        var message = string.Create(CultureInfo.InvariantCulture,
            $"Rate limit reached for this {scope} on {what}: Limit {lease.RefusedLimit}, Used {lease.RefusedUsed}, Requested {op.Amount}. Please try again in {retryAfter}s.");
        return new GatewayError(GatewayErrorKind.RateLimit, StatusCodes.Status429TooManyRequests, message)
        {
            Code = "rate_limit_exceeded",
            Type = op.Kind == CounterKind.Tokens ? "tokens" : "requests",
            RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The <c>reason</c> of <c>switchyard.gateway.rejections</c> for a refused lease: which kind of limit.</summary>
    public static string RejectionReason(LimitLease lease) => lease.Ops[lease.Refused].Kind switch
    {
        CounterKind.Requests => "rate_limit_requests",
        CounterKind.Tokens => "rate_limit_tokens",
        _ => "rate_limit_concurrency",
    };

    /// <summary>How many counters of a level apply to a request for <paramref name="model"/>.</summary>
    private static int Count(RateLimits? limits, string model)
    {
        if (limits is null)
        {
            return 0;
        }

        var count = Count(limits.RequestsPerMinute, limits.TokensPerMinute, limits.MaxConcurrent);
        if (limits.ModelLimits is { } models && models.TryGetValue(model, out var m))
        {
            count += Count(m.RequestsPerMinute, m.TokensPerMinute, m.MaxConcurrent);
        }

        return count;
    }

    private static int Count(int? requests, long? tokens, int? concurrent) =>
        (requests is null ? 0 : 1) + (tokens is null ? 0 : 1) + (concurrent is null ? 0 : 1);

    private void Collect(LimitLease lease, LimitScope scope, Guid id, RateLimits? limits, string model)
    {
        if (limits is null)
        {
            return;
        }

        if (limits.RequestsPerMinute is not null || limits.TokensPerMinute is not null || limits.MaxConcurrent is not null)
        {
            Add(lease, cells.Get(scope, id, ""), scope, "", limits.RequestsPerMinute, limits.TokensPerMinute, limits.MaxConcurrent);
        }

        if (limits.ModelLimits is { } models && models.TryGetValue(model, out var modelLimits))
        {
            Add(lease, cells.Get(scope, id, model), scope, model, modelLimits.RequestsPerMinute, modelLimits.TokensPerMinute, modelLimits.MaxConcurrent);
        }
    }

    private static void Add(LimitLease lease, LimitCell cell, LimitScope scope, string model, int? requests, long? tokens, int? concurrent)
    {
        if (requests is { } rpm)
        {
            lease.Add(new CounterOp(cell, CounterKind.Requests, rpm, 1, scope, model));
        }

        if (tokens is { } tpm)
        {
            lease.Add(new CounterOp(cell, CounterKind.Tokens, tpm, lease.TokenEstimate, scope, model));
        }

        if (concurrent is { } max)
        {
            lease.Add(new CounterOp(cell, CounterKind.Concurrent, max, 1, scope, model));
        }
    }
}
