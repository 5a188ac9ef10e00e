using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Lifecycle;
using Switchyard.DataPlane.Pipeline;
using Switchyard.DataPlane.Routing;
using Switchyard.DataPlane.Usage;
using Switchyard.ServiceDefaults.Telemetry;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Telemetry;

/// <summary>
/// The node's metrics (meter <c>Switchyard.DataPlane</c>): the OpenTelemetry GenAI ones and Switchyard's own. Recorded once
/// per request when it completes (as a <see cref="IResponseListener"/>), once per upstream attempt by the forward stage,
/// and read from the node's state (breakers, spool, snapshot, in-flight) only when scraped. Labels come from the config
/// snapshot (route = public model, deployment id) and fixed sets; never a key or user, a tenant only with
/// <see cref="TelemetryOptions.TenantLabels"/>.
/// </summary>
public sealed class GatewayMetrics : IResponseListener
{
    public const string MeterName = "Switchyard.DataPlane";

    private readonly TimeProvider _time;
    private readonly bool _tenantLabels;
    private readonly ConcurrentDictionary<Guid, string> _tenantNames = new();
    private readonly Counter<long> _requests;
    private readonly Counter<long> _attempts;
    private readonly Counter<long> _failovers;
    private readonly Counter<long> _rejections;
    private readonly UpDownCounter<long> _streams;
    private readonly Histogram<long> _tokens;
    private readonly Histogram<double> _serverDuration;
    private readonly Histogram<double> _clientDuration;
    private readonly Histogram<double> _timeToFirstToken;
    private readonly Histogram<double> _timePerOutputToken;

    public GatewayMetrics(
        IMeterFactory meters, IOptions<TelemetryOptions> options, TimeProvider time, NodeDrain drain, SnapshotStore snapshots,
        DeploymentHealthRegistry health, UsageQueue queue, DataPaths paths)
    {
        _time = time;
        _tenantLabels = options.Value.TenantLabels;
        var meter = meters.Create(MeterName);

        _tokens = meter.CreateHistogram<long>("gen_ai.client.token.usage", "{token}", "Tokens used per request, by gen_ai.token.type (input, output).");
        _clientDuration = meter.CreateHistogram<double>("gen_ai.client.operation.duration", "s", "Duration of each upstream call (one per attempt).");
        _serverDuration = meter.CreateHistogram<double>("gen_ai.server.request.duration", "s", "Duration of each gateway request, to its last byte.");
        _timeToFirstToken = meter.CreateHistogram<double>("gen_ai.server.time_to_first_token", "s", "Time to the first streamed byte of a streaming request.");
        _timePerOutputToken = meter.CreateHistogram<double>("gen_ai.server.time_per_output_token", "s", "Time per output token after the first, of a streaming request.");

        _requests = meter.CreateCounter<long>("switchyard.gateway.requests", "{request}", "Gateway requests by route (public model), deployment, status and dialect.");
        _attempts = meter.CreateCounter<long>("switchyard.upstream.attempts", "{attempt}", "Upstream attempts by deployment and status.");
        _failovers = meter.CreateCounter<long>("switchyard.upstream.failovers", "{attempt}", "Attempts made after a failed one (retry or fallback), by route and the deployment that failed.");
        _rejections = meter.CreateCounter<long>("switchyard.gateway.rejections", "{request}", "Requests refused by a limit, budget or guardrail stage, by reason.");
        _streams = meter.CreateUpDownCounter<long>("switchyard.gateway.streams.in_flight", "{stream}", "Streaming answers being written.");

        meter.CreateObservableGauge("switchyard.gateway.requests.in_flight", () => drain.InFlight, "{request}", "Gateway requests in progress.");
        meter.CreateObservableGauge("switchyard.deployment.breaker.state", () => BreakerStateValues(health, snapshots), "{state}",
            "Circuit breaker per deployment (with its route): 0 closed, 1 half-open, 2 open.");
        meter.CreateObservableGauge("switchyard.deployment.cooling_down", () => Cooldowns(health, snapshots, time), "{deployment}",
            "1 while the deployment cools down after a 429 (rate limited by its provider), else 0.");
        meter.CreateObservableGauge("switchyard.usage.queue.depth", () => queue.Count, "{record}", "Usage records waiting in memory for the spool.");
        meter.CreateObservableGauge("switchyard.usage.spool.depth", () => SpoolBacklog.Read(paths, time).Segments, "{segment}",
            "Closed spool segments not yet delivered to the control plane.");
        meter.CreateObservableGauge("switchyard.usage.spool.age", () => SpoolBacklog.Read(paths, time).OldestAge?.TotalSeconds ?? 0, "s", "Age of the oldest undelivered spool segment (0 when none).");
        meter.CreateObservableGauge("switchyard.config.snapshot.revision", () => snapshots.Revision, "{revision}", "The config revision the node serves.");
        meter.CreateObservableGauge("switchyard.config.snapshot.age", () => SnapshotAge(snapshots, time), "s",
            "Time since the control plane last confirmed the node's revision as current.");
    }

    /// <summary>
    /// A request refused by a limit, budget or guardrail stage. <paramref name="reason"/> must come from a fixed set
    /// (e.g. <c>rate_limit.requests</c>, <c>budget.exceeded</c>, <c>guardrail.blocked</c>).
    /// </summary>
    public void Rejected(GatewayContext context, string reason)
    {
        var tags = new TagList { { GenAiAttributes.Reason, reason }, { GenAiAttributes.Dialect, context.Dialect.Name } };
        AddRoute(ref tags, context);
        AddTenant(ref tags, context);
        _rejections.Add(1, tags);
    }

    /// <summary>One upstream attempt ended: <paramref name="status"/> is its answer's (or error's) status.</summary>
    public void Attempted(GatewayContext context, RuntimeDeployment deployment, int status, bool failed, double latencyMs)
    {
        var tags = new TagList
        {
            { GenAiAttributes.OperationName, GenAiAttributes.Operation(context.Endpoint.Name) },
            { GenAiAttributes.ProviderName, GenAiAttributes.Provider(deployment.ProviderKind) },
            { GenAiAttributes.RequestModel, deployment.UpstreamModel },
        };
        if (failed)
        {
            tags.Add(GenAiAttributes.ErrorType, GenAiAttributes.StatusText(status));
        }

        _clientDuration.Record(latencyMs / 1000, tags);
        _attempts.Add(1, new TagList { { GenAiAttributes.Deployment, deployment.IdText }, { GenAiAttributes.Status, GenAiAttributes.StatusText(status) } });
    }

    /// <summary>The forward stage tries again after <paramref name="failed"/> failed.</summary>
    public void FailedOver(GatewayContext context, RuntimeDeployment failed)
    {
        var tags = new TagList { { GenAiAttributes.Deployment, failed.IdText } };
        AddRoute(ref tags, context);
        _failovers.Add(1, tags);
    }

    public void ResponseStarted(GatewayContext context)
    {
        if (context.Stream)
        {
            _streams.Add(1);
        }
    }

    public void Completed(GatewayContext context)
    {
        var outcome = context.Outcome;
        var status = outcome.Status ?? context.Http.Response.StatusCode;
        var statusText = GenAiAttributes.StatusText(status);
        var deployment = context.Deployment;
        if (context.Stream && outcome.FirstByteTimestamp is not null)
        {
            _streams.Add(-1);
        }

        var requests = new TagList
        {
            { GenAiAttributes.Status, statusText },
            { GenAiAttributes.Dialect, context.Dialect.Name },
            { GenAiAttributes.Endpoint, context.Endpoint.Name },
        };
        AddRoute(ref requests, context);
        if (deployment is not null)
        {
            requests.Add(GenAiAttributes.Deployment, deployment.IdText);
        }

        AddTenant(ref requests, context);
        _requests.Add(1, requests);

        var genAi = new TagList { { GenAiAttributes.OperationName, GenAiAttributes.Operation(context.Endpoint.Name) } };
        if (context.Route is { } route)
        {
            genAi.Add(GenAiAttributes.RequestModel, route.PublicModel);
        }

        if (deployment is not null)
        {
            genAi.Add(GenAiAttributes.ProviderName, GenAiAttributes.Provider(deployment.ProviderKind));
            genAi.Add(GenAiAttributes.ResponseModel, deployment.UpstreamModel);
        }

        if (status >= 400)
        {
            genAi.Add(GenAiAttributes.ErrorType, statusText);
        }

        AddTenant(ref genAi, context);
        var end = outcome.EndTimestamp;
        _serverDuration.Record(_time.GetElapsedTime(context.StartTimestamp, end).TotalSeconds, genAi);

        var usage = outcome.Usage;
        if (usage.InputTokens > 0)
        {
            var input = genAi;
            input.Add(GenAiAttributes.TokenType, "input");
            _tokens.Record(usage.InputTokens, input);
        }

        if (usage.OutputTokens > 0)
        {
            var output = genAi;
            output.Add(GenAiAttributes.TokenType, "output");
            _tokens.Record(usage.OutputTokens, output);
        }

        if (context.Stream && outcome.FirstByteTimestamp is { } first)
        {
            _timeToFirstToken.Record(_time.GetElapsedTime(context.StartTimestamp, first).TotalSeconds, genAi);
            if (usage.OutputTokens > 1 && status < 400)
            {
                _timePerOutputToken.Record(_time.GetElapsedTime(first, end).TotalSeconds / (usage.OutputTokens - 1), genAi);
            }
        }
    }

    private static void AddRoute(ref TagList tags, GatewayContext context)
    {
        if (context.Route is { } route)
        {
            tags.Add(GenAiAttributes.Route, route.PublicModel);
        }
    }

    private void AddTenant(ref TagList tags, GatewayContext context)
    {
        if (_tenantLabels && context.Key is { } key)
        {
            tags.Add(GenAiAttributes.Tenant, _tenantNames.GetOrAdd(key.TenantId, static id => id.ToString()));
        }
    }

    private static IEnumerable<Measurement<int>> BreakerStateValues(DeploymentHealthRegistry health, SnapshotStore snapshots)
    {
        var snapshot = snapshots.Current;
        foreach (var state in health.All)
        {
            var value = state.BreakerState switch
            {
                BreakerStates.Open => 2,
                BreakerStates.HalfOpen => 1,
                _ => 0,
            };
            yield return new Measurement<int>(value, DeploymentTags(state, snapshot));
        }
    }

    private static IEnumerable<Measurement<int>> Cooldowns(DeploymentHealthRegistry health, SnapshotStore snapshots, TimeProvider time)
    {
        var now = time.GetUtcNow().UtcTicks;
        var snapshot = snapshots.Current;
        foreach (var state in health.All)
        {
            yield return new Measurement<int>(state.IsRateLimited(now) ? 1 : 0, DeploymentTags(state, snapshot));
        }
    }

    /// <summary>
    /// The deployment, its route's id and its route's public model (when the snapshot still has it): alerts group the
    /// deployments of a route by id (public models repeat across tenants), dashboards show the model. Read at scrape time.
    /// </summary>
    private static TagList DeploymentTags(DeploymentHealthState state, RuntimeSnapshot? snapshot)
    {
        var tags = new TagList
        {
            { GenAiAttributes.Deployment, state.DeploymentId.ToString() },
            { GenAiAttributes.RouteId, state.RouteId.ToString() },
        };
        if (snapshot is not null && snapshot.RoutesByTenant.TryGetValue(state.TenantId, out var routes)
            && Array.Find(routes, r => r.Id == state.RouteId) is { } route)
        {
            tags.Add(GenAiAttributes.Route, route.PublicModel);
        }

        return tags;
    }

    private static double SnapshotAge(SnapshotStore snapshots, TimeProvider time) =>
        snapshots.ConfirmedAt is { } at ? Math.Max(0, (time.GetUtcNow() - at).TotalSeconds) : 0;
}
