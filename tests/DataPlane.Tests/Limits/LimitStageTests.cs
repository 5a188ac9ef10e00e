using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Switchyard.DataPlane.Limits;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Tests.Limits;

/// <summary>The limit stage through a running node: 429s in both dialects, the rate-limit headers, slots given back.</summary>
public class LimitStageTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 7, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Chat_OverTeamRequestsPerMinute_Answers429InOpenAIShapeWithHeaders()
    {
        await using var host = await StartAsync(team: new RateLimits(RequestsPerMinute: 2), key: new RateLimits(RequestsPerMinute: 10));

        using var first = await host.Client.SendAsync(DataPlaneTestHost.Chat("gpt-mock"));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("2", Header(first, "x-ratelimit-limit-requests"));
        Assert.Equal("1", Header(first, "x-ratelimit-remaining-requests"));
        Assert.Equal("60s", Header(first, "x-ratelimit-reset-requests"));
        using var second = await host.Client.SendAsync(DataPlaneTestHost.Chat("gpt-mock"));
        Assert.Equal("0", Header(second, "x-ratelimit-remaining-requests"));

        _time.Advance(TimeSpan.FromSeconds(15));
        using var third = await host.Client.SendAsync(DataPlaneTestHost.Chat("gpt-mock"));

        var error = await ErrorAssert.IsOpenAIErrorAsync(third, HttpStatusCode.TooManyRequests, "rate_limit_exceeded");
        Assert.Equal("requests", error.GetProperty("type").GetString());
        Assert.Contains("team", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("45", third.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("0", Header(third, "x-ratelimit-remaining-requests"));
        Assert.Equal("45s", Header(third, "x-ratelimit-reset-requests"));
        var scrape = await Telemetry.GatewayMetricsTests.ScrapeUntilAsync(host.Client,
            t => t.Contains("switchyard_gateway_rejections_total{", StringComparison.Ordinal));
        Assert.Contains("reason=\"rate_limit_requests\"", scrape, StringComparison.Ordinal);

        _time.Advance(TimeSpan.FromSeconds(45));
        using var nextMinute = await host.Client.SendAsync(DataPlaneTestHost.Chat("gpt-mock"));
        Assert.Equal(HttpStatusCode.OK, nextMinute.StatusCode);
    }

    [Fact]
    public async Task Messages_OverModelTokensPerMinute_Answers429RateLimitError()
    {
        await using var host = await StartAsync(tenant: new RateLimits(ModelLimits: new Dictionary<string, ModelRateLimits>
        {
            ["gpt-mock"] = new(TokensPerMinute: 10),
        }));

        using var response = await host.Client.SendAsync(Messages("""{"model":"gpt-mock","max_tokens":20,"messages":[{"role":"user","content":"hi"}]}"""));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("error", body.GetProperty("type").GetString());
        Assert.Equal("rate_limit_error", body.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal("10", Header(response, "x-ratelimit-limit-tokens"));
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task Chat_StreamWithLimitsAndUpstreamRateLimitHeaders_CarriesTheGatewaysHeaders()
    {
        await using var host = await StartAsync(key: new RateLimits(RequestsPerMinute: 5, TokensPerMinute: 100_000));

        using var stream = await host.Client.SendAsync(DataPlaneTestHost.Chat("gpt-mock", stream: true), HttpCompletionOption.ResponseHeadersRead);
        using var passThrough = await host.Client.SendAsync(DataPlaneTestHost.Chat("headers"));

        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        Assert.Equal("4", Header(stream, "x-ratelimit-remaining-requests"));
        Assert.Equal("100000", Header(stream, "x-ratelimit-limit-tokens"));
        Assert.Equal(HttpStatusCode.OK, passThrough.StatusCode);
        Assert.Equal("3", Header(passThrough, "x-ratelimit-remaining-requests"));
    }

    [Fact]
    public async Task Chat_CallerAbortsStream_ReleasesTheConcurrencySlot()
    {
        await using var host = await StartAsync(key: new RateLimits(MaxConcurrent: 1));
        var cell = host.Services.GetRequiredService<LimitCells>().Get(LimitScope.Key, TestSnapshots.KeyId, "");

        using (var abort = new CancellationTokenSource())
        {
            using var hanging = await host.Client.SendAsync(DataPlaneTestHost.Chat("hang", stream: true), HttpCompletionOption.ResponseHeadersRead, abort.Token);
            Assert.Equal(HttpStatusCode.OK, hanging.StatusCode);
            using var refused = await host.Client.SendAsync(DataPlaneTestHost.Chat("gpt-mock"));
            var error = await ErrorAssert.IsOpenAIErrorAsync(refused, HttpStatusCode.TooManyRequests, "rate_limit_exceeded");
            Assert.Contains("concurrent", error.GetProperty("message").GetString(), StringComparison.Ordinal);
            await abort.CancelAsync();
        }

        await host.Scenarios.HangAborted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        for (var i = 0; i < 200 && cell.InFlight != 0; i++)
        {
            await Task.Delay(25);
        }

        using var after = await host.Client.SendAsync(DataPlaneTestHost.Chat("gpt-mock"));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(0, cell.InFlight);
    }

    [Fact]
    public async Task Chat_NoLimits_SendsNoRateLimitHeaders()
    {
        await using var host = await StartAsync();

        using var response = await host.Client.SendAsync(DataPlaneTestHost.Chat("gpt-mock"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("x-ratelimit-limit-requests"));
    }

    private Task<DataPlaneTestHost> StartAsync(RateLimits? key = null, RateLimits? team = null, RateLimits? tenant = null) =>
        DataPlaneTestHost.StartAsync(
            customize: s => s with
            {
                Keys = [.. s.Keys.Select(k => k.Id == TestSnapshots.KeyId ? k with { Limits = key } : k)],
                Teams = [.. s.Teams.Select(t => t.Id == TestSnapshots.TeamId ? t with { Limits = team } : t)],
                Tenants = [.. s.Tenants.Select(t => t.Id == TestSnapshots.TenantId ? t with { Limits = tenant } : t)],
            },
            services: s => s.AddSingleton<ILimitStore>(new InProcessLimitStore(_time)));

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    private static HttpRequestMessage Messages(string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-api-key", TestSnapshots.Key);
        request.Headers.Add("anthropic-version", "2023-06-01");
        return request;
    }
}
