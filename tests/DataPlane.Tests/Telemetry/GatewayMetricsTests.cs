using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Switchyard.DataPlane.Tests.Infrastructure;

namespace Switchyard.DataPlane.Tests.Telemetry;

/// <summary>
/// The node's Prometheus scrape after real requests. (Each node's meter provider listens by meter name, so a scrape also
/// holds other nodes' measurements of the same test process: assertions look for this test's own routes.)
/// </summary>
public sealed class GatewayMetricsTests
{
    [Fact]
    public async Task Metrics_AfterRequestsInBothDialectsAStreamAndAnError_ServesGenAiAndSwitchyardMetrics()
    {
        await using var host = await DataPlaneTestHost.StartAsync();

        using (var chat = await host.Client.SendAsync(DataPlaneTestHost.Chat("basic")))
        {
            Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        }

        using (var stream = await host.Client.SendAsync(DataPlaneTestHost.Chat("gpt-mock", stream: true, includeUsage: true)))
        {
            Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
            await stream.Content.ReadAsStringAsync();
        }

        using (var messages = await host.Client.SendAsync(Messages("gpt-mock")))
        {
            Assert.Equal(HttpStatusCode.OK, messages.StatusCode);
        }

        using (var failed = await host.Client.SendAsync(DataPlaneTestHost.Chat("down")))
        {
            Assert.True((int)failed.StatusCode >= 500);
        }

        var text = await ScrapeUntilAsync(host.Client, t => t.Contains("switchyard_route=\"down\"", StringComparison.Ordinal)
            && t.Contains("switchyard_dialect=\"anthropic\"", StringComparison.Ordinal)
            && t.Contains("gen_ai_server_time_to_first_token_seconds_bucket", StringComparison.Ordinal));

        // GenAI semantic conventions: names, units (seconds, tokens) and attributes.
        Assert.Contains("# TYPE gen_ai_client_token_usage histogram", text, StringComparison.Ordinal);
        Assert.Matches("gen_ai_client_token_usage_bucket\\{[^}]*gen_ai_token_type=\"input\"", text);
        Assert.Matches("gen_ai_client_token_usage_bucket\\{[^}]*gen_ai_token_type=\"output\"", text);
        Assert.Matches("gen_ai_server_request_duration_seconds_bucket\\{[^}]*gen_ai_operation_name=\"chat\"[^}]*gen_ai_provider_name=\"openai\"[^}]*gen_ai_request_model=\"basic\"[^}]*gen_ai_response_model=\"up-basic\"", text);
        Assert.Matches("gen_ai_server_request_duration_seconds_bucket\\{[^}]*error_type=\"5\\d\\d\"[^}]*gen_ai_request_model=\"down\"", text);
        Assert.Matches("gen_ai_client_operation_duration_seconds_bucket\\{[^}]*gen_ai_request_model=\"up-basic\"", text);
        Assert.Matches("gen_ai_server_time_to_first_token_seconds_bucket\\{[^}]*gen_ai_request_model=\"gpt-mock\"", text);
        Assert.Contains("gen_ai_server_time_per_output_token_seconds_bucket", text, StringComparison.Ordinal);
        // Buckets for LLM latencies: milliseconds to minutes.
        Assert.Contains("le=\"0.005\"", text, StringComparison.Ordinal);
        Assert.Contains("le=\"600\"", text, StringComparison.Ordinal);

        // Switchyard's own.
        Assert.Matches("switchyard_gateway_requests_total\\{[^}]*http_response_status_code=\"200\"[^}]*switchyard_dialect=\"openai\"[^}]*switchyard_route=\"basic\"", text);
        Assert.Matches("switchyard_gateway_requests_total\\{[^}]*switchyard_dialect=\"anthropic\"[^}]*switchyard_route=\"gpt-mock\"", text);
        Assert.Matches("switchyard_upstream_attempts_total\\{[^}]*switchyard_deployment=", text);
        Assert.Contains("switchyard_gateway_requests_in_flight", text, StringComparison.Ordinal);
        Assert.Contains("switchyard_gateway_streams_in_flight", text, StringComparison.Ordinal);
        Assert.Contains("switchyard_config_snapshot_revision", text, StringComparison.Ordinal);
        Assert.Contains("switchyard_config_snapshot_age_seconds", text, StringComparison.Ordinal);
        Assert.Contains("switchyard_usage_spool_depth", text, StringComparison.Ordinal);
        Assert.Matches("switchyard_deployment_breaker_state\\{[^}]*switchyard_deployment=", text);
        // breakers carry their route (public model and id): alerts group a route's deployments
        Assert.Matches("switchyard_deployment_breaker_state\\{[^}]*switchyard_route=\"down\"", text);
        Assert.Matches("switchyard_deployment_breaker_state\\{[^}]*switchyard_route_id=\"[0-9a-f-]{36}\"", text);
    }

    [Fact]
    public async Task Metrics_AfterRequests_NoKeyOrTenantLabelByDefault()
    {
        await using var host = await DataPlaneTestHost.StartAsync();
        using (await host.Client.SendAsync(DataPlaneTestHost.Chat("basic")))
        {
        }

        var text = await ScrapeUntilAsync(host.Client, t => t.Contains("switchyard_route=\"basic\"", StringComparison.Ordinal));

        Assert.DoesNotContain(TestSnapshots.KeyId.ToString(), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("sk-sy-", text, StringComparison.Ordinal);
        Assert.DoesNotMatch("[{,](switchyard_)?(key|user|api_key)[a-z_]*=", text);
        Assert.DoesNotContain("switchyard_tenant=", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_TenantLabelsOn_LabelsRequestsWithTheTenant()
    {
        await using var host = await DataPlaneTestHost.StartAsync(settings: new Dictionary<string, string?> { ["Telemetry:TenantLabels"] = "true" });
        using (await host.Client.SendAsync(DataPlaneTestHost.Chat("basic")))
        {
        }

        var text = await ScrapeUntilAsync(host.Client, t => t.Contains("switchyard_tenant=", StringComparison.Ordinal));

        Assert.Matches($"switchyard_gateway_requests_total\\{{[^}}]*switchyard_tenant=\"{TestSnapshots.TenantId}\"", text);
    }

    [Fact]
    public async Task Metrics_ScrapeTokenSet_RefusesScrapesWithoutIt()
    {
        const string token = "scrape-token-0123456789";
        await using var host = await DataPlaneTestHost.StartAsync(settings: new Dictionary<string, string?> { ["Telemetry:ScrapeToken"] = token });

        using var anonymous = await host.Client.GetAsync("/metrics");
        using var wrong = await host.Client.SendAsync(Scrape("not-the-token-0123456789"));
        using var virtualKey = await host.Client.SendAsync(Scrape(TestSnapshots.Key));
        using var right = await host.Client.SendAsync(Scrape(token));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, virtualKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("# TYPE", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_NoScrapeToken_ServedWithoutAnyKey()
    {
        await using var host = await DataPlaneTestHost.StartAsync();

        using var response = await host.Client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_FrameworkMetrics_ExportedOnlyWhenAskedFor()
    {
        await using var plain = await DataPlaneTestHost.StartAsync();
        await using var framework = await DataPlaneTestHost.StartAsync(settings: new Dictionary<string, string?> { ["Telemetry:FrameworkMetrics"] = "true" });

        using var first = await plain.Client.SendAsync(DataPlaneTestHost.Chat("gpt-mock"));
        using var second = await framework.Client.SendAsync(DataPlaneTestHost.Chat("gpt-mock"));

        var plainText = await ScrapeUntilAsync(plain.Client, t => t.Contains("gen_ai_server_request_duration", StringComparison.Ordinal));
        await ScrapeUntilAsync(framework.Client, t => t.Contains("http_server_request_duration", StringComparison.Ordinal));
        Assert.DoesNotContain("http_server_request_duration", plainText, StringComparison.Ordinal);
        Assert.DoesNotContain("http_client_request_duration", plainText, StringComparison.Ordinal);
    }

    internal static HttpRequestMessage Messages(string model)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages")
        {
            Content = new StringContent($$"""{"model":"{{model}}","max_tokens":20,"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-api-key", TestSnapshots.Key);
        return request;
    }

    private static HttpRequestMessage Scrape(string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    /// <summary>Scrapes until <paramref name="ready"/> holds (the exporter caches a scrape for a moment).</summary>
    internal static async Task<string> ScrapeUntilAsync(HttpClient client, Func<string, bool> ready)
    {
        var text = "";
        for (var i = 0; i < 100; i++)
        {
            text = await client.GetStringAsync("/metrics");
            if (ready(text))
            {
                return text;
            }

            await Task.Delay(50);
        }

        Assert.Fail("The scrape never showed the expected series:\n" + text);
        return text;
    }
}
