using Microsoft.Extensions.Time.Testing;
using Switchyard.DataPlane.Routing;

namespace Switchyard.DataPlane.Tests.Routing;

public class RetryBudgetTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly RetryBudget _budget = new();

    private long Now => _time.GetUtcNow().UtcTicks;

    [Fact]
    public void TryRetry_FullBudget_AllowsAsManyRetriesAsFirstAttemptsPlusTheFloor()
    {
        for (var i = 0; i < 100; i++)
        {
            _budget.FirstAttempt(Now);
        }

        Assert.Equal(100 + RetryBudget.MinRetriesPerWindow, Retries(1000, 100));
    }

    [Fact]
    public void TryRetry_HalfBudget_AllowsHalfAsManyRetries()
    {
        for (var i = 0; i < 100; i++)
        {
            _budget.FirstAttempt(Now);
        }

        Assert.Equal(50 + RetryBudget.MinRetriesPerWindow, Retries(1000, 50));
    }

    [Fact]
    public void TryRetry_WindowPassed_BudgetRefills()
    {
        _budget.FirstAttempt(Now);
        Assert.Equal(1 + RetryBudget.MinRetriesPerWindow, Retries(100, 100));

        _time.Advance(TimeSpan.FromSeconds(RetryBudget.WindowSeconds));

        Assert.Equal(RetryBudget.MinRetriesPerWindow, Retries(100, 100));
    }

    private int Retries(int tries, int percent) => Enumerable.Range(0, tries).Count(_ => _budget.TryRetry(Now, percent));
}
