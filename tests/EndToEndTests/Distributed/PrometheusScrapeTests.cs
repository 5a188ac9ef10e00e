using System.Net;
using Switchyard.EndToEndTests.Infrastructure;

namespace Switchyard.EndToEndTests.Distributed;

/// <summary>
/// The operator's view: a real Prometheus scraping the control plane and two nodes (separate processes) with Switchyard's
/// alert rules loaded, queried through its HTTP API after real gateway traffic.
/// </summary>
public class PrometheusScrapeTests
{
    private static readonly TimeSpan ScrapeWait = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Metrics the alert rules and the dashboard use that only appear once their event happened (a failover, a refusal,
    /// a stream, a failed job, a dead-lettered batch, a failed apply); their names are asserted by the processes' own tests.
    /// </summary>
    private static readonly HashSet<string> EventOnlyMetrics =
    [
        "switchyard_upstream_failovers_total", "switchyard_gateway_rejections_total", "switchyard_gateway_streams_in_flight",
        "gen_ai_server_time_to_first_token_seconds_bucket", "gen_ai_server_time_per_output_token_seconds_bucket",
        "switchyard_usage_ingest_dead_lettered_total", "switchyard_config_apply_failures_total", "switchyard_jobs_runs_total",
        "switchyard_job", // the label of switchyard_jobs_runs_total
    ];

    [Fact]
    public async Task Prometheus_ScrapesControlPlaneAndBothNodes_GatewayMetricsPerNodeAndControlPlaneMetricsQueryable()
    {
        await using var topology = new DistributedTopology();
        await topology.StartControlPlaneAsync();
        // node 2 serves its metrics on a port of their own (Telemetry:MetricsPort): Prometheus scrapes it there
        var metricsPort = FreePort.Next();
        await Task.WhenAll(topology.StartNodeAsync(1), topology.StartNodeAsync(2, MetricsPortSetting(metricsPort)));
        var nodes = new[] { Target(topology.NodeUrl(1)), $"127.0.0.1:{metricsPort}" };
        await using var prometheus = await PrometheusServer.StartAsync(new Dictionary<string, string[]>
        {
            ["switchyard-controlplane"] = [Target(topology.ControlPlaneUrl)],
            ["switchyard-node"] = nodes,
        });
        var scenario = await TenantScenario.CreateAsync(topology.Admin);
        var key = await scenario.CreateKeyAsync(topology.Admin);
        await Eventually.HoldsAsync(
            async () => await GatewayCalls.ChatAsync(topology.NodeUrl(1), key) == HttpStatusCode.OK
                     && await GatewayCalls.ChatAsync(topology.NodeUrl(2), key) == HttpStatusCode.OK,
            TimeSpan.FromSeconds(10), "both nodes serve the route");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await GatewayCalls.ChatAsync(topology.NodeUrl(1), key));
            Assert.Equal(HttpStatusCode.OK, await GatewayCalls.ChatAsync(topology.NodeUrl(2), key));
        }

        await WaitForAsync(prometheus, "up == 1", series => series.Count == 3, "all three targets up");
        var ok = await WaitForAsync(prometheus,
            $"sum by (instance) (switchyard_gateway_requests_total{{job=\"switchyard-node\",http_response_status_code=\"200\",switchyard_route=\"{TenantScenario.MockModel}\"}})",
            series => series.Count == 2 && series.All(s => s.Value >= 6), "200s of the route counted on both nodes");
        Assert.Equal(nodes.Order(), ok.Select(s => s.Labels["instance"]).Order());
        // 401s while the new key propagated may have been counted on either node: count from here
        const string refused = "sum by (instance) (switchyard_gateway_requests_total{http_response_status_code=\"401\"})";
        var before = Count(await prometheus.QueryAsync(refused));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await GatewayCalls.ChatAsync(topology.NodeUrl(2), "sk-sy-unknown"));
        }

        await WaitForAsync(prometheus, refused,
            series => Count(series).GetValueOrDefault(nodes[1]) == before.GetValueOrDefault(nodes[1]) + 3
                   && Count(series).GetValueOrDefault(nodes[0]) == before.GetValueOrDefault(nodes[0]),
            "the refused requests counted on node 2 only");
        await WaitForAsync(prometheus, "sum by (instance) (gen_ai_server_request_duration_seconds_count{gen_ai_operation_name=\"chat\"})",
            series => series.Count == 2 && series.All(s => s.Value >= 6), "GenAI request durations from both nodes");
        await WaitForAsync(prometheus, "switchyard_config_snapshot_revision{job=\"switchyard-node\"} > 0",
            series => series.Count == 2, "both nodes' snapshot revision");

        await WaitForAsync(prometheus, "switchyard_config_published_total{job=\"switchyard-controlplane\"}",
            series => series.Count == 1 && series[0].Value >= 1, "revisions published by the control plane");
        await WaitForAsync(prometheus, "sum(switchyard_usage_ingest_records_total{job=\"switchyard-controlplane\",result=\"stored\"})",
            series => series.Count == 1 && series[0].Value >= 12, "usage records of both nodes ingested by the control plane");
        await WaitForAsync(prometheus, "sum by (switchyard_node) (switchyard_config_apply_delay_seconds_count{job=\"switchyard-controlplane\"})",
            series => series.Select(s => s.Labels["switchyard_node"]).Order().SequenceEqual(["node-1", "node-2"]), "publish-to-apply times of both nodes");

        var names = await prometheus.MetricNamesAsync();
        Assert.DoesNotContain(names, n => n.Contains("key", StringComparison.OrdinalIgnoreCase) && n.StartsWith("switchyard_", StringComparison.Ordinal));
        var keyLabels = await prometheus.QueryAsync("count by (switchyard_key, key, api_key, user) ({__name__=~\"switchyard_.*|gen_ai_.*\"})");
        Assert.All(keyLabels, s => Assert.Empty(s.Labels));

        var rules = await prometheus.RuleNamesAsync();
        Assert.Contains("SwitchyardHighErrorRate", rules);
        Assert.Contains("SwitchyardRouteAllDeploymentsDown", rules);

        // every metric the alert rules and the Grafana dashboard query is one the processes export
        // (the files' tokens include label names: those are checked against the labels Prometheus holds)
        var referenced = ReferencedNames();
        var labels = await prometheus.LabelNamesAsync();
        Assert.Contains("switchyard_gateway_requests_total", referenced);
        Assert.Empty(referenced.Where(n => !names.Contains(n) && !labels.Contains(n) && !EventOnlyMetrics.Contains(n)).Order());
    }

    [Fact]
    public async Task MetricsPort_Set_MetricsServedOnlyThereAndTheGatewayOnlyOnItsOwnPort()
    {
        await using var topology = new DistributedTopology();
        await topology.StartControlPlaneAsync();
        var metricsPort = FreePort.Next();
        await topology.StartNodeAsync(1, MetricsPortSetting(metricsPort));
        var scenario = await TenantScenario.CreateAsync(topology.Admin);
        var key = await scenario.CreateKeyAsync(topology.Admin);
        var metricsUrl = $"http://127.0.0.1:{metricsPort}";
        using var http = new HttpClient();

        await Eventually.HoldsAsync(async () => await GatewayCalls.ChatAsync(topology.NodeUrl(1), key) == HttpStatusCode.OK,
            TimeSpan.FromSeconds(10), "the node serves the route");
        using var onGatewayPort = await http.GetAsync(topology.NodeUrl(1) + "/metrics");
        using var onMetricsPort = await http.GetAsync(metricsUrl + "/metrics");
        var chatOnMetricsPort = await GatewayCalls.ChatAsync(metricsUrl, key);

        Assert.Equal(HttpStatusCode.NotFound, onGatewayPort.StatusCode);
        Assert.Equal(HttpStatusCode.OK, onMetricsPort.StatusCode);
        Assert.Contains("switchyard_gateway_requests_total", await onMetricsPort.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, chatOnMetricsPort);
    }

    private static Dictionary<string, string> MetricsPortSetting(int port) =>
        new() { ["Telemetry__MetricsPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    /// <summary>The Prometheus metric and label names in infra/observability/alerts.yml and grafana-dashboard.json.</summary>
    private static HashSet<string> ReferencedNames()
    {
        var directory = Path.Combine(RepoPaths.Root, "infra", "observability");
        var text = File.ReadAllText(Path.Combine(directory, "alerts.yml")) + File.ReadAllText(Path.Combine(directory, "grafana-dashboard.json"));
        return System.Text.RegularExpressions.Regex.Matches(text, @"\b(?:switchyard|gen_ai)_[a-z_]+\b")
            .Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
    }

    [Fact]
    public async Task AlertRules_PromtoolCheck_Passes()
    {
        var (exitCode, output) = await PrometheusServer.RunAsync(PrometheusServer.PromTool, "check", "rules", PrometheusServer.AlertRulesFile);

        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScrapeConfig_PromtoolCheck_Passes()
    {
        var config = Path.Combine(RepoPaths.Root, "infra", "observability", "prometheus.yml");

        var (exitCode, output) = await PrometheusServer.RunAsync(PrometheusServer.PromTool, "check", "config", config);

        Assert.True(exitCode == 0, output);
    }

    private static string Target(string url) => new Uri(url).Authority;

    private static Dictionary<string, double> Count(IReadOnlyList<(Dictionary<string, string> Labels, double Value)> series) =>
        series.ToDictionary(s => s.Labels["instance"], s => s.Value);

    private static async Task<IReadOnlyList<(Dictionary<string, string> Labels, double Value)>> WaitForAsync(
        PrometheusServer prometheus, string promql, Func<IReadOnlyList<(Dictionary<string, string> Labels, double Value)>, bool> condition, string what)
    {
        var until = DateTime.UtcNow + ScrapeWait;
        IReadOnlyList<(Dictionary<string, string> Labels, double Value)> series = [];
        while (DateTime.UtcNow < until)
        {
            series = await prometheus.QueryAsync(promql);
            if (condition(series))
            {
                return series;
            }

            await Task.Delay(250);
        }

        var seen = string.Join("; ", series.Select(s => string.Join(",", s.Labels.Select(l => $"{l.Key}={l.Value}")) + " " + s.Value));
        throw new TimeoutException($"Prometheus never showed {what} ({promql}); last answer: [{seen}]");
    }
}
