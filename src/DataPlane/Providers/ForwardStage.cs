using System.Globalization;
using System.Runtime.CompilerServices;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Egress;
using Switchyard.DataPlane.Pipeline;
using Switchyard.DataPlane.Providers.Upstream;
using Switchyard.DataPlane.Routing;
using Switchyard.DataPlane.Telemetry;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Messages;

namespace Switchyard.DataPlane.Providers;

/// <summary>
/// Sends the request to the chosen deployment through the endpoint's forwarding (pass-through or translated) and, while
/// nothing has reached the caller, fails over: a retryable failure (unreachable, timeout, 5xx, overloaded, 429) is tried
/// again on the next deployment the route's strategy picks, then on the route's fallback models (each translated to its
/// own provider), up to the route's <see cref="RouteRetrySettings.MaxAttempts"/> and within its retry budget, with
/// exponential backoff and full jitter; a context-window overflow or content-filter refusal goes to the route's matching
/// fallbacks only. Each attempt feeds the deployment's health (breaker, cooldown, latency). A started answer is never
/// retried. When nothing can serve, the caller gets the last upstream error, or 503 naming the route with Retry-After at
/// the earliest recovery. Terminal.
/// </summary>
public sealed class ForwardStage(
    DeploymentSelector selector, TimeProvider time, RoutingRandom random, GatewayMetrics metrics, ILogger<ForwardStage> logger) : IGatewayStage
{
    public const string DeploymentHeader = "x-switchyard-deployment";
    public const string AttemptsHeader = "x-switchyard-attempts";

    private static readonly string[] AttemptCounts = [.. Enumerable.Range(0, RouteResilienceRules.MaxAttempts + 2).Select(i => i.ToString(CultureInfo.InvariantCulture))];

    public string Name => "forward";

    public int Order => GatewayStageOrder.Forward;

    public async ValueTask<bool> RunAsync(GatewayContext context)
    {
        var http = context.Http;
        var route = context.Route!;
        var originalRoute = route;
        var original = route.Snapshot;
        var state = selector.Health.ForRoute(route);
        var retry = state.Retry;
        var timeouts = state.Timeouts;
        var budget = state.Budget;
        var deadline = timeouts.TotalMs is { } total ? context.StartTimestamp + MillisecondsToTimestamp(total) : 0;
        if (deadline != 0)
        {
            UpstreamDeadline.Set(new UpstreamDeadline(time, deadline));
        }

        var index = context.RoutedIndex;
        var probe = context.RoutedProbe;
        var availableAt = context.RoutedAvailableAt;
        var tried = 0UL;
        var attempt = 0;
        var skipRoute = false;
        List<UsageAttempt>? attempts = null;
        GatewayError? lastError = null;
        IReadOnlyList<string>? fallbacks = route.Snapshot.Fallbacks;
        var nextFallback = 0;
        var switchedFallbacks = false;
        (RuntimeRoute Route, int Index, long Until)? rateLimited = null;
        var waited = false;
        budget.FirstAttempt(time.GetUtcNow().UtcTicks);

        while (true)
        {
            if (index < 0)
            {
                if (!skipRoute)
                {
                    index = selector.Select(context, route, tried, out probe, out var at);
                    availableAt = Math.Min(availableAt, at);
                }

                if (index < 0)
                {
                    skipRoute = false;
                    if (NextFallback(context, fallbacks, ref nextFallback) is { } fallback)
                    {
                        route = fallback;
                        state = selector.Health.ForRoute(route);
                        tried = 0;
                        continue;
                    }

                    // Nothing else can serve now: wait (once) for the deployment that recovers first — one that answered 429
                    // in this request, else the route's own — when its Retry-After or cooldown ends within the cap.
                    var recovery = rateLimited ?? EarliestRecovery(originalRoute, selector.Health.ForRoute(originalRoute));
                    if (recovery is { } next && !waited && attempt < retry.MaxAttempts && RecoveryWait(next.Until, retry, deadline) is >= 0 and var wait)
                    {
                        waited = true;
                        await WaitForRecoveryAsync(wait, http.RequestAborted);
                        route = next.Route;
                        state = selector.Health.ForRoute(route);
                        tried = ~(1UL << next.Index);
                        continue;
                    }

                    lastError ??= StillRateLimited(context, recovery);
                    break;
                }
            }

            var health = state.Health[index];
            if (attempt > 0)
            {
                if (!MayRetry(attempt, retry, deadline, budget))
                {
                    health.Complete(probe, AttemptOutcome.Neutral, time.GetUtcNow().UtcTicks, state.Breaker);
                    break;
                }

                if (RetryRules.Backoff(retry, attempt, random) is { Ticks: > 0 } backoff)
                {
                    try
                    {
                        await Task.Delay(backoff, time, http.RequestAborted);
                    }
                    catch
                    {
                        // The caller left while waiting: the deployment picked for the retry was never tried.
                        health.Complete(probe, AttemptOutcome.Neutral, time.GetUtcNow().UtcTicks, state.Breaker);
                        throw;
                    }
                }
            }

            var deployment = route.Deployments[index];
            if (attempt > 0)
            {
                if (context.Deployment is { } failed)
                {
                    metrics.FailedOver(context, failed);
                }

                // Forget what the failed attempt left on the response (status, rate-limit headers): kept only when it is the answer.
                ResetResponse(http);
                context.Retrying();
            }

            attempt++;
            context.Rerouted(route, deployment);
            http.Response.Headers[DeploymentHeader] = deployment.IdText;
            http.Response.Headers[AttemptsHeader] = AttemptCounts[Math.Min(attempt, AttemptCounts.Length - 1)];

            var started = time.GetTimestamp();
            // This attempt's time limit is the request's deadline rather than its own first-byte limit: its timeout ends the request.
            var deadlineBound = deadline != 0
                && (timeouts.FirstByteMs is not { } firstByteMs || deadline - started <= MillisecondsToTimestamp(firstByteMs));
            GatewayError? error;
            using (var span = GatewayTracing.StartAttempt(context, deployment, attempt))
            {
                error = await AttemptAsync(context, deployment, health, probe, state.Breaker, timeouts, deadline);
                GatewayTracing.AttemptEnded(span, error);
            }

            var latencyMs = time.GetElapsedTime(started).TotalMilliseconds;
            metrics.Attempted(context, deployment, error?.Status ?? context.Outcome.Status ?? http.Response.StatusCode, error is not null, latencyMs);
            if (error is null)
            {
                if (attempts is not null)
                {
                    var outcome = context.Outcome;
                    attempts.Add(new UsageAttempt(route.Id, deployment.Id, deployment.ProviderKind, outcome.Status ?? http.Response.StatusCode, outcome.ErrorCode, latencyMs));
                    context.Attempted(attempts);
                }

                return false;
            }

            var (disposition, healthOutcome) = RetryRules.Classify(error);
            if (deadlineBound && error.Kind == GatewayErrorKind.Timeout)
            {
                // The request's deadline, not the attempt's own limit, ended it: nothing is left to retry with.
                disposition = RetryDisposition.Final;
            }

            var now = time.GetUtcNow().UtcTicks;
            var retryAfterTicks = RetryRules.RetryAfterTicks(error.RetryAfter);
            health.Complete(probe, healthOutcome, now, state.Breaker, retryAfterTicks: retryAfterTicks);
            (attempts ??= new List<UsageAttempt>(retry.MaxAttempts)).Add(
                new UsageAttempt(route.Id, deployment.Id, deployment.ProviderKind, error.Status, error.Code ?? "upstream_error", latencyMs));
            lastError = error;
            var failedIndex = index;
            tried |= 1UL << index;
            index = -1;

            switch (disposition)
            {
                case RetryDisposition.Retry:
                    DataPlaneLog.AttemptFailed(logger, deployment.Id, error.Status, attempt);
                    continue;
                case RetryDisposition.RateLimited:
                    DataPlaneLog.AttemptFailed(logger, deployment.Id, error.Status, attempt);
                    if (rateLimited is null || now + retryAfterTicks < rateLimited.Value.Until)
                    {
                        rateLimited = (route, failedIndex, now + retryAfterTicks);
                    }

                    continue;
                case RetryDisposition.ContextWindow or RetryDisposition.ContentPolicy when !switchedFallbacks:
                    var special = disposition == RetryDisposition.ContextWindow ? original.ContextWindowFallbacks : original.ContentPolicyFallbacks;
                    // Only the fallbacks configured for this failure can help; the route's other deployments share its model.
                    switchedFallbacks = true;
                    if (special is not { Count: > 0 })
                    {
                        break;
                    }

                    fallbacks = special;
                    nextFallback = 0;
                    skipRoute = true;
                    continue;
            }

            break;
        }

        await FailAsync(context, attempts, attempt, lastError ?? Unavailable(context, availableAt));
        return false;
    }

    /// <summary>Whether another attempt may follow <paramref name="attempt"/> (counting it against the retry budget when so).</summary>
    private bool MayRetry(int attempt, RouteRetrySettings retry, long deadline, RetryBudget budget) =>
        attempt < retry.MaxAttempts && (deadline == 0 || time.GetTimestamp() < deadline) && budget.TryRetry(time.GetUtcNow().UtcTicks, retry.BudgetPercent);

    /// <summary>
    /// Ticks to wait for a deployment that recovers at <paramref name="untilTicks"/> (0 when it already has), or -1 when that
    /// is beyond the route's Retry-After cap or its deadline.
    /// </summary>
    private long RecoveryWait(long untilTicks, RouteRetrySettings retry, long deadline)
    {
        var wait = Math.Max(0, untilTicks - time.GetUtcNow().UtcTicks);
        return wait <= retry.MaxRetryAfterSeconds * TimeSpan.TicksPerSecond
            && (deadline == 0 || time.GetTimestamp() + MillisecondsToTimestamp(wait / TimeSpan.TicksPerMillisecond) < deadline)
            ? wait
            : -1;
    }

    private async ValueTask WaitForRecoveryAsync(long waitTicks, CancellationToken aborted)
    {
        if (waitTicks > 0)
        {
            // A little past the end: timers count whole milliseconds on the monotonic clock while cooldowns end on the wall
            // clock (which NTP may slew), so waiting exactly can wake a hair early, find the deployment still cooling and
            // answer 429 "Retry-After: 1".
            await Task.Delay(TimeSpan.FromTicks(waitTicks + Math.Max(TimeSpan.TicksPerMillisecond, waitTicks / 100)), time, aborted);
        }
    }

    /// <summary>
    /// When nothing was tried because the deployment that recovers first is skipped for a provider's Retry-After beyond the
    /// cap: the 429 with the time left (and that deployment named). Otherwise null.
    /// </summary>
    private GatewayError? StillRateLimited(GatewayContext context, (RuntimeRoute Route, int Index, long Until)? recovery)
    {
        if (recovery is not { } limited || !selector.Health.ForRoute(limited.Route).Health[limited.Index].IsRateLimited(time.GetUtcNow().UtcTicks))
        {
            return null;
        }

        context.Rerouted(limited.Route, limited.Route.Deployments[limited.Index]);
        return RateLimited(context, limited.Until);
    }

    /// <summary>Answers the request's failure, naming what was tried.</summary>
    private static Task FailAsync(GatewayContext context, List<UsageAttempt>? attempts, int attempt, GatewayError error)
    {
        var http = context.Http;
        if (attempts is { Count: > 1 })
        {
            context.Attempted(attempts);
        }

        if (attempt > 0 && context.Deployment is { } last && !http.Response.HasStarted)
        {
            // An adapter may have cleared the response after its failure: the caller still learns what was tried.
            http.Response.Headers[DeploymentHeader] = last.IdText;
            http.Response.Headers[AttemptsHeader] = AttemptCounts[Math.Min(attempt, AttemptCounts.Length - 1)];
        }

        return context.Dialect.WriteErrorAsync(http, error);
    }

    /// <summary>One attempt, bounded by the route's first-byte and total timeouts; a timeout before anything reached the caller is an error (retried).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<GatewayError?> AttemptAsync(
        GatewayContext context, RuntimeDeployment deployment, DeploymentHealthState health, bool probe, BreakerSettings breaker, RouteTimeouts timeouts, long deadline)
    {
        CancellationTokenSource? timeout = null;
        var limit = timeouts.FirstByteMs is { } firstByte ? TimeSpan.FromMilliseconds(firstByte) : Timeout.InfiniteTimeSpan;
        if (deadline != 0)
        {
            var left = TimestampToTimeSpan(deadline - time.GetTimestamp());
            limit = limit == Timeout.InfiniteTimeSpan || left < limit ? (left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1)) : limit;
        }

        if (limit != Timeout.InfiniteTimeSpan)
        {
            timeout = CancellationTokenSource.CreateLinkedTokenSource(context.Http.RequestAborted);
            timeout.CancelAfter(limit);
            context.AttemptTimeout(timeout, deadline);
        }

        if (timeouts.ConnectMs is { } connectMs)
        {
            // Flows with this attempt (and only it) to the request builders and the egress guard's connect.
            UpstreamConnectTimeout.Set(TimeSpan.FromMilliseconds(connectMs));
        }

        var started = time.GetTimestamp();
        var firstByteBefore = context.Outcome.FirstByteTimestamp;
        GatewayError? error;
        try
        {
            error = await context.Endpoint.ForwardAsync(context, deployment);
            if (error is null && context.AttemptTimedOut && !context.Http.Response.HasStarted)
            {
                error = GatewayError.Timeout();
            }
        }
        catch (OperationCanceledException) when (context.AttemptTimedOut)
        {
            if (context.Http.Response.HasStarted)
            {
                context.Failed(StatusCodes.Status504GatewayTimeout, "upstream_timeout");
                error = null;
            }
            else
            {
                error = GatewayError.Timeout();
            }
        }
        catch
        {
            health.Complete(probe, AttemptOutcome.Neutral, time.GetUtcNow().UtcTicks, breaker);
            throw;
        }
        finally
        {
            if (timeout is not null)
            {
                context.AttemptTimeout(null, 0);
                timeout.Dispose();
            }
        }

        if (error is null)
        {
            var outcome = context.Outcome;
            var now = time.GetUtcNow().UtcTicks;
            if (outcome.Status == 499)
            {
                health.Complete(probe, AttemptOutcome.Neutral, now, breaker);
            }
            else if (outcome.Status is >= 500)
            {
                // The answer started and then failed (a stream cut mid-way): the deployment failed, the caller was told.
                health.Complete(probe, AttemptOutcome.Failure, now, breaker);
            }
            else
            {
                var latency = context.Stream && outcome.FirstByteTimestamp is { } first && first != firstByteBefore
                    ? time.GetElapsedTime(started, first)
                    : time.GetElapsedTime(started);
                health.Complete(probe, AttemptOutcome.Success, now, breaker, latency.TotalMilliseconds);
            }
        }

        return error;
    }

    /// <summary>The route's deployment that recovers first from a breaker or rate-limit cooldown, or null when none cools down.</summary>
    private (RuntimeRoute Route, int Index, long Until)? EarliestRecovery(RuntimeRoute route, RouteRoutingState state)
    {
        var now = time.GetUtcNow().UtcTicks;
        (RuntimeRoute, int, long)? earliest = null;
        for (var i = 0; i < state.Health.Length; i++)
        {
            var until = state.Health[i].CooldownUntilTicks(now);
            if (until != 0 && (earliest is null || until < earliest.Value.Item3))
            {
                earliest = (route, i, until);
            }
        }

        return earliest;
    }

    private GatewayError RateLimited(GatewayContext context, long untilTicks) =>
        new(GatewayErrorKind.RateLimit, StatusCodes.Status429TooManyRequests,
            $"The upstream provider of the model `{context.Model}` is rate limited; retry after the time given in Retry-After.")
        {
            Code = "rate_limit_exceeded",
            RetryAfter = Seconds(untilTicks),
        };

    /// <summary>The next fallback model the caller's key may use and the node can serve, or null.</summary>
    private static RuntimeRoute? NextFallback(GatewayContext context, IReadOnlyList<string>? fallbacks, ref int next)
    {
        if (fallbacks is null)
        {
            return null;
        }

        var key = context.Key!;
        while (next < fallbacks.Count)
        {
            var model = fallbacks[next++];
            if (context.Snapshot!.FindRoute(key.TenantId, model) is { UnavailableReason: null } route
                && (key.AllowedModels.Count == 0 || key.AllowedModels.Contains(model, StringComparer.Ordinal)))
            {
                return route;
            }
        }

        return null;
    }

    /// <summary>Forgets a failed attempt's response (status, headers it set) so the next one starts clean; keeps a drain's <c>Connection: close</c>.</summary>
    private static void ResetResponse(HttpContext http)
    {
        if (http.Response.HasStarted)
        {
            return;
        }

        var connection = http.Response.Headers.Connection;
        http.Response.Clear();
        if (connection.Count > 0)
        {
            http.Response.Headers.Connection = connection;
        }
    }

    private GatewayError Unavailable(GatewayContext context, long availableAtTicks)
    {
        var retryAfter = availableAtTicks == long.MaxValue ? null : Seconds(availableAtTicks);

        return new GatewayError(GatewayErrorKind.Unavailable, StatusCodes.Status503ServiceUnavailable,
            $"The model `{context.Model}` is unavailable: every deployment of its route (and of its fallbacks) is failing or cooling down on this gateway node. Retry later.")
        {
            Param = "model",
            Code = "no_healthy_deployment",
            RetryAfter = retryAfter,
        };
    }

    /// <summary>Whole seconds (at least 1) from now until <paramref name="untilTicks"/>, for Retry-After.</summary>
    private string Seconds(long untilTicks) =>
        Math.Max(1, (int)Math.Ceiling((untilTicks - time.GetUtcNow().UtcTicks) / (double)TimeSpan.TicksPerSecond)).ToString(CultureInfo.InvariantCulture);

    private long MillisecondsToTimestamp(long milliseconds) => milliseconds * time.TimestampFrequency / 1000;

    private TimeSpan TimestampToTimeSpan(long timestamp) => TimeSpan.FromTicks((long)(timestamp * ((double)TimeSpan.TicksPerSecond / time.TimestampFrequency)));
}
