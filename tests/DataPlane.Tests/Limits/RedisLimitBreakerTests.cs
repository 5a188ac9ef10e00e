using Microsoft.Extensions.Time.Testing;
using Switchyard.DataPlane.Limits;

namespace Switchyard.DataPlane.Tests.Limits;

public class RedisLimitBreakerTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void AllowsRedis_AfterConsecutiveFailures_RefusesUntilOneProbeAfterTheOpenPeriod()
    {
        var breaker = new RedisLimitBreaker(_time, failuresToOpen: 2, TimeSpan.FromSeconds(5));
        Assert.False(breaker.Failed());
        Assert.True(breaker.AllowsRedis());
        Assert.True(breaker.Failed());

        Assert.False(breaker.AllowsRedis());
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(breaker.AllowsRedis());
        Assert.False(breaker.AllowsRedis());

        Assert.True(breaker.Succeeded());
        Assert.True(breaker.AllowsRedis());
        Assert.False(breaker.IsOpen);
    }
}
