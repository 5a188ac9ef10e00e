using System.Collections.Concurrent;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Limits;

/// <summary>
/// The current budget period per time zone and period kind (<see cref="BudgetPeriods"/>): computed once per period and
/// reused until it ends, so a budgeted request costs a dictionary lookup and a clock read, not a time-zone conversion.
/// </summary>
public sealed class BudgetClock(TimeProvider time)
{
    private readonly ConcurrentDictionary<(string? Zone, string Period), BudgetWindow> _current = new();

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>The period of kind <paramref name="period"/> that contains <paramref name="now"/> in <paramref name="timeZone"/> (null: UTC).</summary>
    public BudgetWindow Current(string period, string? timeZone, DateTimeOffset now)
    {
        var key = (timeZone, period);
        if (_current.TryGetValue(key, out var window) && now >= window.Start && now < window.End)
        {
            return window;
        }

        window = BudgetPeriods.Current(period, now, BudgetPeriods.Zone(timeZone));
        _current[key] = window;
        return window;
    }
}
