using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Switchyard.DataPlane.Limits;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Tests.Limits;

/// <summary>
/// Budgets through a running node (in-process store, fake clock): the budget 429 in both dialects, settlement to the actual
/// cost, period rollover, and a stream admitted with less than its worst case cut at what it reserved — on the
/// pass-through relay and on translated streams in both dialects.
/// </summary>
public class BudgetStageTests
{
    /// <summary>100 micro-dollars an input token, 1 000 an output token.</summary>
    private static readonly DeploymentPrice Price = new("test-v1", DeploymentPrice.FromCatalog, 100m, 1000m);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 7, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Chat_WorstCaseOverKeyBudget_Answers429BudgetExceededWithRetryAfterAtPeriodEnd()
    {
        await using var host = await StartAsync(key: new Budget(1m, BudgetPeriods.Day));

        using var response = await host.Client.SendAsync(DataPlaneTestHost.Chat("gpt-mock"));

        var error = await ErrorAssert.IsOpenAIErrorAsync(response, HttpStatusCode.TooManyRequests, "budget_exceeded");
        Assert.Equal("insufficient_quota", error.GetProperty("type").GetString());
        Assert.Contains("key's day budget of US$1.00", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromHours(12), response.Headers.RetryAfter!.Delta);
    }

    [Fact]
    public async Task Messages_OverTeamBudget_Answers429RateLimitErrorNamingTheBudget()
    {
        await using var host = await StartAsync(team: new Budget(0.01m, BudgetPeriods.Month));

        using var response = await host.Client.SendAsync(Messages("""{"model":"gpt-mock","max_tokens":20,"messages":[{"role":"user","content":"hi"}]}"""));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("rate_limit_error", body.GetProperty("error").GetProperty("type").GetString());
        Assert.Contains("team's month budget", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_WithinBudget_SettlesTheReservationToTheActualCost()
    {
        await using var host = await StartAsync(tenant: new Budget(100m, BudgetPeriods.Month));
        var counter = host.Services.GetRequiredService<LimitCells>().Get(LimitScope.Tenant, TestSnapshots.TenantId, "").Spend("m2025-07");

        using var response = await host.Client.SendAsync(DataPlaneTestHost.Chat("gpt-mock"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await WaitAsync(() => counter.Local < 100_000);

        // The worst case (4 096 output tokens at 1 000 µ$) is over 4 000 000 µ$; the mock's answer is a few dozen tokens.
        Assert.InRange(counter.Local, 1, 100_000);
    }

    [Fact]
    public async Task Chat_BudgetSpentToday_IsAdmittedAgainAfterMidnight()
    {
        await using var host = await StartAsync(key: new Budget(0.05m, BudgetPeriods.Day));
        var admittedToday = 0;
        HttpStatusCode status;
        do
        {
            using var response = await host.Client.SendAsync(Chat(maxTokens: 5));
            status = response.StatusCode;
            admittedToday += status == HttpStatusCode.OK ? 1 : 0;
        }
        while (status == HttpStatusCode.OK && admittedToday < 100);

        _time.Advance(TimeSpan.FromHours(12));
        using var tomorrow = await host.Client.SendAsync(Chat(maxTokens: 5));

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.InRange(admittedToday, 1, 20);
        Assert.Equal(HttpStatusCode.OK, tomorrow.StatusCode);
    }

    [Fact]
    public async Task Chat_TranslatedStreamWithLessThanWorstCaseLeft_IsAdmittedAndCutWithTheErrorEvent()
    {
        // Enough for the input (~30 tokens × 100 µ$) and about five output tokens, far less than the worst case.
        await using var host = await StartAsync(key: new Budget(0.008m, BudgetPeriods.Total));

        using var response = await host.Client.SendAsync(DataPlaneTestHost.Chat("gpt-mock", stream: true));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Mock", text, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"budget_exceeded\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("deterministic", text, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_PassThroughStreamWithLessThanWorstCaseLeft_IsCutWithTheErrorEvent()
    {
        await using var host = await StartAsync(key: new Budget(0.008m, BudgetPeriods.Total));
        host.Scenarios.StreamGate.Release();

        using var response = await host.Client.SendAsync(DataPlaneTestHost.Chat("stream", stream: true));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Hello", text, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"budget_exceeded\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("today", text, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_StreamWithLessThanWorstCaseLeft_IsCutWithAnthropicErrorEvent()
    {
        await using var host = await StartAsync(key: new Budget(0.008m, BudgetPeriods.Total));

        using var response = await host.Client.SendAsync(Messages("""{"model":"gpt-mock","max_tokens":1000,"stream":true,"messages":[{"role":"user","content":"hi"}]}"""));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("event: error", text, StringComparison.Ordinal);
        Assert.Contains("rate_limit_error", text, StringComparison.Ordinal);
        Assert.DoesNotContain("deterministic", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_NonStreamWithLessThanWorstCaseLeft_Answers429()
    {
        await using var host = await StartAsync(key: new Budget(0.008m, BudgetPeriods.Total));

        using var response = await host.Client.SendAsync(DataPlaneTestHost.Chat("gpt-mock"));

        var error = await ErrorAssert.IsOpenAIErrorAsync(response, HttpStatusCode.TooManyRequests, "budget_exceeded");
        Assert.Contains("needs up to", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25);
        }
    }

    private Task<DataPlaneTestHost> StartAsync(Budget? key = null, Budget? team = null, Budget? tenant = null) =>
        DataPlaneTestHost.StartAsync(
            customize: s => s with
            {
                Keys = [.. s.Keys.Select(k => k.Id == TestSnapshots.KeyId ? k with { Budget = key } : k)],
                Teams = [.. s.Teams.Select(t => t.Id == TestSnapshots.TeamId ? t with { Budget = team } : t)],
                Tenants = [.. s.Tenants.Select(t => t.Id == TestSnapshots.TenantId ? t with { Budget = tenant } : t)],
                Routes = [.. s.Routes.Select(r => r with { Deployments = [.. r.Deployments.Select(d => d with { Price = Price })] })],
            },
            services: s => s.AddSingleton<ILimitStore>(new InProcessLimitStore(_time)),
            time: _time);

    private static HttpRequestMessage Chat(int maxTokens)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent($$"""{"model":"gpt-mock","max_tokens":{{maxTokens}},"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestSnapshots.Key);
        return request;
    }

    private static HttpRequestMessage Messages(string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-api-key", TestSnapshots.Key);
        request.Headers.Add("anthropic-version", "2023-06-01");
        return request;
    }
}
