using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Providers;
using Switchyard.DataPlane.Routing;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Tests.Providers.Failover;

/// <summary>Retryable failures before the first byte fail over to the next deployment, then to a fallback model of another provider.</summary>
public class ForwardStageFailoverHttpTests(FailoverHostFixture fixture) : IClassFixture<FailoverHostFixture>
{
    private DataPlaneTestHost Host => fixture.Host;

    private FailoverUpstreams Upstreams => fixture.Upstreams;

    [Theory]
    [InlineData("s503", false)]
    [InlineData("s529", false)]
    [InlineData("s429", false)]
    [InlineData("refused", false)]
    [InlineData("slow", false)]
    [InlineData("connect", false)]
    [InlineData("s503", true)]
    [InlineData("s529", true)]
    [InlineData("refused", true)]
    [InlineData("slow", true)]
    [InlineData("connect", true)]
    public async Task Post_FirstDeploymentFailsRetryably_AnsweredByTheNextWithAttemptHeaders(string failure, bool stream)
    {
        var okBefore = Upstreams.OpenAICalls("ok");

        using var response = await Host.Client.SendAsync(DataPlaneTestHost.Chat("fo-" + failure, stream: stream));

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(stream ? "data: [DONE]" : "\"choices\"", text, StringComparison.Ordinal);
        Assert.Equal("2", response.Headers.GetValues(ForwardStage.AttemptsHeader).Single());
        Assert.Equal(okBefore + 1, Upstreams.OpenAICalls("ok"));
        var route = Route("fo-" + failure);
        Assert.Equal(route.Deployments[1].Id.ToString(), response.Headers.GetValues(ForwardStage.DeploymentHeader).Single());
    }

    [Fact]
    public async Task Post_FailoverHappened_UsageRecordListsEveryAttempt()
    {
        using var response = await Host.Client.SendAsync(DataPlaneTestHost.Chat("fo-s503"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var route = Route("fo-s503");
        var usage = await Host.WaitForUsageAsync(r => r.Model == "fo-s503" && r.Attempts is not null);

        Assert.Equal(route.Deployments[1].Id, usage.DeploymentId);
        Assert.Equal(200, usage.StatusCode);
        Assert.Collection(usage.Attempts!,
            first => Assert.Equal((route.Deployments[0].Id, 503, "overloaded"), (first.DeploymentId, first.StatusCode, first.ErrorCode)),
            last => Assert.Equal((route.Deployments[1].Id, 200, (string?)null), (last.DeploymentId, last.StatusCode, last.ErrorCode)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Post_OpenAICallerRouteDown_FallsBackToAnthropicModel(bool stream)
    {
        var before = Upstreams.AnthropicCalls("claude-ok");

        using var response = await Host.Client.SendAsync(DataPlaneTestHost.Chat("fo-to-claude", stream: stream));

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before + 1, Upstreams.AnthropicCalls("claude-ok"));
        Assert.Equal("2", response.Headers.GetValues(ForwardStage.AttemptsHeader).Single());
        Assert.Equal(Route("claude-fb").Deployments[0].Id.ToString(), response.Headers.GetValues(ForwardStage.DeploymentHeader).Single());
        if (stream)
        {
            Assert.Contains("chat.completion.chunk", text, StringComparison.Ordinal);
            Assert.EndsWith("data: [DONE]\n\n", text, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal("chat.completion", JsonDocument.Parse(text).RootElement.GetProperty("object").GetString());
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Post_AnthropicCallerUpstreamOverloaded_FallsBackToOpenAIModel(bool stream)
    {
        var before = Upstreams.OpenAICalls("ok");
        var overloadedBefore = Upstreams.AnthropicCalls("claude-529");

        using var response = await Host.Client.SendAsync(Messages("claude-primary", stream));

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before + 1, Upstreams.OpenAICalls("ok"));
        Assert.Equal(overloadedBefore + 1, Upstreams.AnthropicCalls("claude-529"));
        if (stream)
        {
            Assert.Contains("event: message_stop", text, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal("message", JsonDocument.Parse(text).RootElement.GetProperty("type").GetString());
        }
    }

    [Fact]
    public async Task Post_NonRetryable400_IsAnsweredWithoutRetry()
    {
        var okBefore = Upstreams.OpenAICalls("ok");
        var failingBefore = Upstreams.OpenAICalls("s400");

        using var response = await Host.Client.SendAsync(DataPlaneTestHost.Chat("fo-s400"));

        await ErrorAssert.IsOpenAIErrorAsync(response, HttpStatusCode.BadRequest, "invalid_value");
        Assert.Equal(failingBefore + 1, Upstreams.OpenAICalls("s400"));
        Assert.Equal(okBefore, Upstreams.OpenAICalls("ok"));
        Assert.Equal("1", response.Headers.GetValues(ForwardStage.AttemptsHeader).Single());
    }

    [Fact]
    public async Task Post_MaxAttemptsReached_AnswersTheLastFailureWithoutTryingFurther()
    {
        var okBefore = Upstreams.OpenAICalls("ok");

        using var response = await Host.Client.SendAsync(DataPlaneTestHost.Chat("fo-max"));

        // The second deployment's 529 is what OpenAI callers see as 503 overloaded.
        await ErrorAssert.IsOpenAIErrorAsync(response, HttpStatusCode.ServiceUnavailable, "overloaded");
        Assert.Equal("2", response.Headers.GetValues(ForwardStage.AttemptsHeader).Single());
        Assert.Equal(Route("fo-max").Deployments[1].Id.ToString(), response.Headers.GetValues(ForwardStage.DeploymentHeader).Single());
        Assert.Equal(okBefore, Upstreams.OpenAICalls("ok"));
    }

    [Fact]
    public async Task Post_TotalDeadlinePassedDuringFirstAttempt_504WithoutRetry()
    {
        var okBefore = Upstreams.OpenAICalls("ok");

        using var response = await Host.Client.SendAsync(DataPlaneTestHost.Chat("fo-deadline"));

        await ErrorAssert.IsOpenAIErrorAsync(response, HttpStatusCode.GatewayTimeout, "upstream_timeout");
        Assert.Equal("1", response.Headers.GetValues(ForwardStage.AttemptsHeader).Single());
        Assert.Equal(okBefore, Upstreams.OpenAICalls("ok"));
    }

    [Fact]
    public async Task Post_ContextLengthExceeded_GoesToTheContextWindowFallbackOnly()
    {
        var okBefore = Upstreams.OpenAICalls("ok");
        var claudeBefore = Upstreams.AnthropicCalls("claude-ok");

        using var response = await Host.Client.SendAsync(DataPlaneTestHost.Chat("fo-ctx"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(claudeBefore + 1, Upstreams.AnthropicCalls("claude-ok"));
        Assert.Equal(okBefore, Upstreams.OpenAICalls("ok"));
    }

    [Fact]
    public async Task Post_StreamFailsMidway_IsNotRetried()
    {
        var okBefore = Upstreams.OpenAICalls("ok");

        using var response = await Host.Client.SendAsync(DataPlaneTestHost.Chat("fo-midstream", stream: true));

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(text.Contains("\"error\"", StringComparison.Ordinal), text);
        Assert.Equal(okBefore, Upstreams.OpenAICalls("ok"));
        Assert.Equal("1", response.Headers.GetValues(ForwardStage.AttemptsHeader).Single());
    }

    [Fact]
    public async Task Post_EveryDeploymentUnavailable_503NamingTheModelWithRetryAfter()
    {
        using var first = await Host.Client.SendAsync(DataPlaneTestHost.Chat("fo-all-down"));
        await ErrorAssert.IsOpenAIErrorAsync(first, HttpStatusCode.BadGateway, "upstream_error");

        using var second = await Host.Client.SendAsync(DataPlaneTestHost.Chat("fo-all-down"));

        var error = await ErrorAssert.IsOpenAIErrorAsync(second, HttpStatusCode.ServiceUnavailable, "no_healthy_deployment");
        Assert.Contains("`fo-all-down`", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        var retryAfter = int.Parse(second.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 600);
    }

    [Theory]
    [InlineData("fo-stream-deadline")]
    [InlineData("fo-translated-deadline")]
    public async Task Post_StreamOutlivesTheTotalDeadline_EndsWithTimeoutErrorEventAndDoneWithoutRetry(string model)
    {
        var okBefore = Upstreams.OpenAICalls("ok");

        using var response = await Host.Client.SendAsync(DataPlaneTestHost.Chat(model, stream: true));

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"code\":\"upstream_timeout\"", text, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", text, StringComparison.Ordinal);
        Assert.Equal("1", response.Headers.GetValues(ForwardStage.AttemptsHeader).Single());
        Assert.Equal(okBefore, Upstreams.OpenAICalls("ok"));
        var usage = await Host.WaitForUsageAsync(r => r.Model == model && r.Stream);
        Assert.Equal((504, "upstream_timeout"), (usage.StatusCode, usage.ErrorCode));
    }

    [Fact]
    public async Task Messages_StreamOutlivesTheTotalDeadline_EndsWithAnthropicErrorEvent()
    {
        using var response = await Host.Client.SendAsync(Messages("fo-stream-deadline", stream: true));

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("event: message_start", text, StringComparison.Ordinal);
        Assert.Contains("event: error", text, StringComparison.Ordinal);
        Assert.DoesNotContain("event: message_stop", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_UpstreamRetryAfterWithinTheCap_WaitsAndRetriesTheSameDeployment()
    {
        using var response = await Host.Client.SendAsync(DataPlaneTestHost.Chat("fo-429-once"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2", response.Headers.GetValues(ForwardStage.AttemptsHeader).Single());
        Assert.Equal(2, Upstreams.OpenAICalls("s429-once"));
    }

    [Fact]
    public async Task Post_UpstreamRetryAfterBeyondTheCap_429WithTheUpstreamsRetryAfter()
    {
        using var response = await Host.Client.SendAsync(DataPlaneTestHost.Chat("fo-429-long"));

        await ErrorAssert.IsOpenAIErrorAsync(response, HttpStatusCode.TooManyRequests, "rate_limit_exceeded");
        var retryAfter = int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 25, 30);
        Assert.Equal("1", response.Headers.GetValues(ForwardStage.AttemptsHeader).Single());
    }

    [Fact]
    public async Task Post_RetryBudgetSpent_FailureAnsweredWithoutRetry()
    {
        // Budget 0 %: only the floor of retries per window is allowed; the breaker is set never to open.
        var statuses = new List<(HttpStatusCode Status, string Attempts)>();
        for (var i = 0; i < RetryBudget.MinRetriesPerWindow + 2; i++)
        {
            using var response = await Host.Client.SendAsync(DataPlaneTestHost.Chat("fo-budget"));
            statuses.Add((response.StatusCode, response.Headers.GetValues(ForwardStage.AttemptsHeader).Single()));
        }

        Assert.All(statuses.Take(RetryBudget.MinRetriesPerWindow), s => Assert.Equal((HttpStatusCode.OK, "2"), s));
        Assert.All(statuses.Skip(RetryBudget.MinRetriesPerWindow), s => Assert.Equal((HttpStatusCode.ServiceUnavailable, "1"), s));
    }

    private RouteSnapshot Route(string model) =>
        Host.Services.GetRequiredService<SnapshotStore>().Current!.FindRoute(TestSnapshots.TenantId, model)!.Snapshot;

    private static HttpRequestMessage Messages(string model, bool stream)
    {
        var body = JsonSerializer.Serialize(new { model, max_tokens = 100, stream, messages = new[] { new { role = "user", content = "Hello there" } } });
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-api-key", TestSnapshots.Key);
        request.Headers.Add("anthropic-version", "2023-06-01");
        return request;
    }
}
