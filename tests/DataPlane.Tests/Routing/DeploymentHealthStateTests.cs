using Microsoft.Extensions.Time.Testing;
using Switchyard.DataPlane.Routing;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Tests.Routing;

public class DeploymentHealthStateTests
{
    private static readonly BreakerSettings Settings = new(ConsecutiveFailures: 3, FailureRatePercent: 50, MinimumRequests: 10, WindowSeconds: 60, CooldownSeconds: 30);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly DeploymentHealthState _health = new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

    private long Now => _time.GetUtcNow().UtcTicks;

    [Fact]
    public void Complete_ConsecutiveFailuresReachLimit_OpensAndSkipsUntilCooldownEnds()
    {
        Fail(2);
        Assert.Equal(BreakerStates.Closed, _health.BreakerState);
        Assert.True(_health.IsAvailable(Now));

        Fail(1);

        Assert.Equal(BreakerStates.Open, _health.BreakerState);
        Assert.False(_health.IsAvailable(Now));
        Assert.False(_health.TryAcquire(Now, Settings, out _));
        Assert.Equal(Now + TimeSpan.FromSeconds(30).Ticks, _health.CooldownUntilTicks(Now));
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(_health.IsAvailable(Now));
    }

    [Fact]
    public void Complete_SuccessBetweenFailures_ResetsTheConsecutiveCount()
    {
        Fail(2);
        Succeed();
        Fail(2);

        Assert.Equal(BreakerStates.Closed, _health.BreakerState);
    }

    [Fact]
    public void Complete_FailureRateOverWindowWithMinimumRequests_Opens()
    {
        // Alternating: never three in a row, but 50 % of 10 requests.
        for (var i = 0; i < 4; i++)
        {
            Fail(1);
            Succeed();
        }

        Fail(1);
        Assert.Equal(BreakerStates.Closed, _health.BreakerState); // 9 requests: under the minimum

        Succeed(); // 10 requests, 5 failed: the rate is judged when a failure comes in
        Fail(1); // 11 requests, 6 failed

        Assert.Equal(BreakerStates.Open, _health.BreakerState);
    }

    [Fact]
    public void Complete_FailuresOutsideTheWindow_AreForgotten()
    {
        for (var i = 0; i < 5; i++)
        {
            Fail(1);
            Succeed();
        }

        _time.Advance(TimeSpan.FromSeconds(61));
        Fail(1);

        Assert.Equal(BreakerStates.Closed, _health.BreakerState);
        Assert.Equal(1, _health.Window(Now, Settings).Requests);
    }

    [Fact]
    public void TryAcquire_CooldownOver_LetsExactlyOneProbeThrough()
    {
        Fail(3);
        _time.Advance(TimeSpan.FromSeconds(30));

        Assert.True(_health.IsAvailable(Now));
        Assert.True(_health.TryAcquire(Now, Settings, out var probe));
        Assert.True(probe);
        Assert.Equal(BreakerStates.HalfOpen, _health.BreakerState);
        Assert.False(_health.IsAvailable(Now));
        Assert.False(_health.TryAcquire(Now, Settings, out _));
    }

    [Fact]
    public void Complete_ProbeSucceeds_Closes()
    {
        Fail(3);
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.True(_health.TryAcquire(Now, Settings, out var probe));

        _health.Complete(probe, AttemptOutcome.Success, Now, Settings, latencyMs: 10);

        Assert.Equal(BreakerStates.Closed, _health.BreakerState);
        Assert.True(_health.IsAvailable(Now));
        Assert.Equal(0, _health.CooldownUntilTicks(Now));
        Assert.Equal(0, _health.InFlight);
    }

    [Fact]
    public void Complete_ProbeFails_OpensForAnotherCooldown()
    {
        Fail(3);
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.True(_health.TryAcquire(Now, Settings, out var probe));

        _health.Complete(probe, AttemptOutcome.Failure, Now, Settings);

        Assert.Equal(BreakerStates.Open, _health.BreakerState);
        Assert.False(_health.IsAvailable(Now));
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.True(_health.IsAvailable(Now));
    }

    [Fact]
    public void TryAcquire_ProbeLostForACooldown_LetsAnotherProbeThrough()
    {
        Fail(3);
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.True(_health.TryAcquire(Now, Settings, out _));

        _time.Advance(TimeSpan.FromSeconds(30));

        Assert.True(_health.TryAcquire(Now, Settings, out var second));
        Assert.True(second);
    }

    [Fact]
    public void Complete_ProbeCancelled_NextRequestProbesAtOnce()
    {
        Fail(3);
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.True(_health.TryAcquire(Now, Settings, out var probe));

        _health.Complete(probe, AttemptOutcome.Neutral, Now, Settings);

        Assert.True(_health.TryAcquire(Now, Settings, out var next));
        Assert.True(next);
    }

    [Fact]
    public void Complete_LateSuccessOfRequestAdmittedBeforeOpening_DoesNotClose()
    {
        Assert.True(_health.TryAcquire(Now, Settings, out var early));
        Fail(3);

        _health.Complete(early, AttemptOutcome.Success, Now, Settings);

        Assert.Equal(BreakerStates.Open, _health.BreakerState);
    }

    [Fact]
    public void Complete_RateLimited_CoolsDownForRetryAfterWithoutOpening()
    {
        Assert.True(_health.TryAcquire(Now, Settings, out var probe));

        _health.Complete(probe, AttemptOutcome.RateLimited, Now, Settings, retryAfterTicks: TimeSpan.FromSeconds(7).Ticks);

        Assert.Equal(BreakerStates.Closed, _health.BreakerState);
        Assert.False(_health.IsAvailable(Now));
        Assert.Equal(Now + TimeSpan.FromSeconds(7).Ticks, _health.AvailableAtTicks(Now));
        _time.Advance(TimeSpan.FromSeconds(7));
        Assert.True(_health.IsAvailable(Now));
    }

    [Fact]
    public void Complete_Successes_TrackEwmaLatencyAndInFlight()
    {
        Assert.True(_health.TryAcquire(Now, Settings, out var a));
        Assert.True(_health.TryAcquire(Now, Settings, out var b));
        Assert.Equal(2, _health.InFlight);

        _health.Complete(a, AttemptOutcome.Success, Now, Settings, latencyMs: 100);
        Assert.Equal(100, _health.LatencyMs);
        _health.Complete(b, AttemptOutcome.Success, Now, Settings, latencyMs: 200);

        Assert.Equal(120, _health.LatencyMs, precision: 6);
        Assert.Equal(0, _health.InFlight);
        Assert.Equal((0d, 2), _health.Window(Now, Settings));
    }

    private void Fail(int times)
    {
        for (var i = 0; i < times; i++)
        {
            Assert.True(_health.TryAcquire(Now, Settings, out var probe) || _health.BreakerState != BreakerStates.Closed);
            _health.Complete(probe, AttemptOutcome.Failure, Now, Settings);
        }
    }

    private void Succeed()
    {
        Assert.True(_health.TryAcquire(Now, Settings, out var probe));
        _health.Complete(probe, AttemptOutcome.Success, Now, Settings, latencyMs: 50);
    }
}
