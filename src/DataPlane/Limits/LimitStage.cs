using System.Globalization;
using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Costs;
using Switchyard.DataPlane.Gateway;
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
/// Budgets join the same store call: each level's budget reserves the request's worst-case cost (its input estimate and
/// <c>max_tokens</c>, else the model's output limit, at the dearest deployment of the route) in the current period of the
/// tenant's time zone; a stream may start with less — what is left, when that covers its input — and is cut when its
/// output reaches it (<see cref="GatewayContext.Budgeted"/>). A budget refusal is a 429 of its own (OpenAI
/// <c>budget_exceeded</c> of type <c>insufficient_quota</c>, Anthropic <c>rate_limit_error</c> naming the budget).
/// </summary>
public sealed class LimitStage(ILimitStore store, LimitCells cells, GatewayMetrics metrics, BudgetClock clock, IOptions<RateLimitingOptions> options)
    : IGatewayStage
{
    private readonly int _defaultMaxOutput = options.Value.BudgetDefaultMaxOutputTokens;

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
        snapshot.Teams.TryGetValue(key.TeamId, out var team);
        snapshot.Tenants.TryGetValue(key.TenantId, out var tenant);
        var teamLimits = team?.Limits;
        var tenantLimits = tenant?.Limits;
        var budgets = (key.Budget is null ? 0 : 1) + (team?.Budget is null ? 0 : 1) + (tenant?.Budget is null ? 0 : 1);
        if (key.Limits is null && teamLimits is null && tenantLimits is null && budgets == 0)
        {
            return true;
        }

        var model = context.Model;
        var count = Count(key.Limits, model) + Count(teamLimits, model) + Count(tenantLimits, model) + budgets;
        if (count == 0)
        {
            return true;
        }

        var lease = new LimitLease(context.Body.Length / BytesPerEstimatedToken + 1, count);
        Collect(lease, LimitScope.Key, key.Id, key.Limits, model);
        Collect(lease, LimitScope.Team, key.TeamId, teamLimits, model);
        Collect(lease, LimitScope.Tenant, key.TenantId, tenantLimits, model);
        if (budgets > 0)
        {
            var now = clock.Now;
            var zone = tenant?.TimeZone;
            AddBudget(lease, LimitScope.Key, key.Id, key.Budget, zone, now);
            AddBudget(lease, LimitScope.Team, key.TeamId, team?.Budget, zone, now);
            AddBudget(lease, LimitScope.Tenant, key.TenantId, tenant?.Budget, zone, now);
            var (worst, minimum) = WorstCase(context, lease.TokenEstimate);
            lease.Reserve(worst, context.Stream ? minimum : worst);
        }

        if (await store.TryAcquireAsync(lease))
        {
            context.Limited(lease);
            if (lease.HasSpend)
            {
                context.Budgeted(lease.SpendGranted, (int)Math.Min(int.MaxValue, lease.TokenEstimate));
            }

            context.Http.Response.OnStarting(WriteHeadersOnStart, context);
            return true;
        }

        RateLimitHeaders.Write(context.Http.Response.Headers, lease);
        metrics.Rejected(context, RejectionReason(lease));
        var refusal = lease.Ops[lease.Refused].Kind == CounterKind.Spend ? BudgetRefusal(lease, context) : Refusal(lease);
        await context.Dialect.WriteErrorAsync(context.Http, refusal);
        return false;
    }

    /// <summary>
    /// The 429 for a lease refused by a budget: which level's budget, its period and amount, what is spent or reserved and
    /// what the request needs; <c>retry-after</c> is the end of the period (none for a <c>total</c> budget).
    /// </summary>
    public GatewayError BudgetRefusal(LimitLease lease, GatewayContext context)
    {
        var op = lease.Ops[lease.Refused];
        var key = context.Key!;
        var snapshot = context.Snapshot!;
        snapshot.Tenants.TryGetValue(key.TenantId, out var tenant);
        var budget = op.Scope switch
        {
            LimitScope.Key => key.Budget,
            LimitScope.Team => snapshot.Teams.TryGetValue(key.TeamId, out var team) ? team.Budget : null,
            _ => tenant?.Budget,
        };
        var period = budget?.Period ?? BudgetPeriods.Total;
        string? retryAfter = null;
        if (period != BudgetPeriods.Total)
        {
            var now = clock.Now;
            var seconds = (long)Math.Ceiling((clock.Current(period, tenant?.TimeZone, now).End - now).TotalSeconds);
            retryAfter = Math.Max(1, seconds).ToString(CultureInfo.InvariantCulture);
        }

        var scope = op.Scope.ToString().ToLowerInvariant();
        var needs = lease.SpendMinimum < lease.SpendRequested
            ? $"up to {Usd(lease.SpendRequested)} (at least {Usd(lease.SpendMinimum)} to start the stream)"
            : $"up to {Usd(lease.SpendRequested)}";
        var message = string.Create(CultureInfo.InvariantCulture,
            $"Budget exceeded: this {scope}'s {period} budget of {Usd(lease.RefusedLimit)} has {Usd(lease.RefusedUsed)} spent or reserved, and this request needs {needs}.");
        return new GatewayError(GatewayErrorKind.RateLimit, StatusCodes.Status429TooManyRequests, message)
        {
            Code = "budget_exceeded",
            Type = "insufficient_quota",
            RetryAfter = retryAfter,
        };
    }

    /// <summary>Micro-dollars as US$ text (<c>US$1.25</c>).</summary>
    public static string Usd(long micros) => string.Create(CultureInfo.InvariantCulture, $"US${micros / 1_000_000m:0.00####}");

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
        CounterKind.Spend => "budget",
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

    private void AddBudget(LimitLease lease, LimitScope scope, Guid id, Budget? budget, string? zone, DateTimeOffset now)
    {
        if (budget is null)
        {
            return;
        }

        var period = clock.Current(budget.Period, zone, now).Key;
        lease.Add(CounterOp.Budget(cells.Get(scope, id, ""), budget.AmountMicros, scope, period));
    }

    /// <summary>
    /// The request's worst-case cost (at the dearest of the route's deployments) and the least a stream can start with (its
    /// input and one output token), in micro-dollars.
    /// </summary>
    private (long Worst, long Minimum) WorstCase(GatewayContext context, long tokenEstimate)
    {
        if (context.Route is not { } route)
        {
            return (0, 0);
        }

        var input = (int)Math.Min(int.MaxValue, tokenEstimate);
        var embedding = context.Endpoint.Name == EmbeddingsEndpoint.EndpointName;
        long worst = 0;
        long minimum = 0;
        foreach (var deployment in route.Deployments)
        {
            if (deployment.Snapshot.Price is not { } price)
            {
                continue;
            }

            var maxOutput = context.Features.MaxTokens is { } asked
                ? (int)Math.Min(int.MaxValue, asked)
                : deployment.Snapshot.Capabilities?.MaxOutputTokens ?? _defaultMaxOutput;
            worst = Math.Max(worst, CostCalculator.WorstCaseMicros(input, maxOutput, price, embedding));
            minimum = Math.Max(minimum, CostCalculator.WorstCaseMicros(input, Math.Min(1, maxOutput), price, embedding));
        }

        return (worst, minimum);
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
