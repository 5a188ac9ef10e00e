using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Egress;
using Switchyard.DataPlane.Providers.Upstream;
using Switchyard.DataPlane.Routing;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Tests.Routing;

public class RetryRulesTests
{
    [Theory]
    [InlineData(408, RetryDisposition.Retry)]
    [InlineData(429, RetryDisposition.RateLimited)]
    [InlineData(500, RetryDisposition.Retry)]
    [InlineData(502, RetryDisposition.Retry)]
    [InlineData(503, RetryDisposition.Retry)]
    [InlineData(504, RetryDisposition.Retry)]
    [InlineData(529, RetryDisposition.Retry)]
    [InlineData(401, RetryDisposition.Retry)]
    [InlineData(403, RetryDisposition.Retry)]
    [InlineData(400, RetryDisposition.Final)]
    [InlineData(404, RetryDisposition.Final)]
    [InlineData(413, RetryDisposition.Final)]
    public void Classify_UpstreamStatus_RetriesOnlyTransientFailures(int status, RetryDisposition expected)
    {
        Assert.Equal(expected, RetryRules.Classify(UpstreamErrors.FromStatus(status, "x")).Disposition);
    }

    [Fact]
    public void Classify_ContextLengthAndContentFilter_GoToTheirOwnFallbacks()
    {
        Assert.Equal(RetryDisposition.ContextWindow, RetryRules.Classify(GatewayError.InvalidRequest("too long", null, "context_length_exceeded")).Disposition);
        Assert.Equal(RetryDisposition.ContentPolicy, RetryRules.Classify(GatewayError.InvalidRequest("filtered", null, "content_filter")).Disposition);
    }

    [Fact]
    public void Classify_GatewayBugOrUnreachable_OnlyTheUpstreamsFaultCountsAgainstTheBreaker()
    {
        Assert.Equal((RetryDisposition.Final, AttemptOutcome.Neutral), RetryRules.Classify(GatewayError.Server()));
        Assert.Equal((RetryDisposition.Retry, AttemptOutcome.Failure), RetryRules.Classify(GatewayError.Upstream("unreachable")));
        Assert.Equal(AttemptOutcome.Success, RetryRules.Classify(GatewayError.InvalidRequest("bad")).Health);
        Assert.Equal((RetryDisposition.Retry, AttemptOutcome.Neutral),
            RetryRules.Classify(GatewayError.Upstream(EgressDeniedError.CallerMessage, EgressDeniedError.Code)));
    }

    [Fact]
    public void Backoff_SuccessiveRetries_FullJitterUnderADoublingCappedCeiling()
    {
        var settings = new RouteRetrySettings(BackoffMs: 100, MaxBackoffMs: 350);
        var random = new RoutingRandom(new Random(7));
        var ceilings = new[] { 100, 200, 350, 350 };
        for (var retry = 1; retry <= ceilings.Length; retry++)
        {
            var delays = Enumerable.Range(0, 2000).Select(_ => RetryRules.Backoff(settings, retry, random).TotalMilliseconds).ToList();
            Assert.All(delays, d => Assert.InRange(d, 0, ceilings[retry - 1]));
            // Full jitter: spread over the whole range, not clustered at the ceiling.
            Assert.InRange(delays.Average(), ceilings[retry - 1] * 0.45, ceilings[retry - 1] * 0.55);
        }
    }

    [Fact]
    public void Backoff_ZeroBase_NoDelay()
    {
        Assert.Equal(TimeSpan.Zero, RetryRules.Backoff(new RouteRetrySettings(BackoffMs: 0, MaxBackoffMs: 0), 3, new RoutingRandom(new Random(1))));
    }

    [Theory]
    [InlineData("30", 30)]
    [InlineData(null, 1)]
    [InlineData("soon", 1)]
    public void RetryAfterTicks_UpstreamHint_SecondsOrOneByDefault(string? retryAfter, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds).Ticks, RetryRules.RetryAfterTicks(retryAfter));
    }
}
