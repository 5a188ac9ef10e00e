namespace Switchyard.DataPlane.Routing;

/// <summary>
/// A route's retry budget on this node: retries are allowed while they stay within <c>BudgetPercent</c> of the route's
/// first attempts over the last <see cref="WindowSeconds"/> seconds, plus a small floor (<see cref="MinRetriesPerWindow"/>)
/// so a quiet route can still fail over. With 100 % retries never more than double upstream traffic. Lock-free (ten
/// one-second buckets; a race at a bucket change can lose a count).
/// </summary>
public sealed class RetryBudget
{
    public const int WindowSeconds = 10;
    public const int MinRetriesPerWindow = 10;

    private readonly BucketedCounts _window = new(WindowSeconds);

    /// <summary>Counts a request's first attempt.</summary>
    public void FirstAttempt(long nowTicks) => _window.Add(nowTicks / TimeSpan.TicksPerSecond, 1, 0);

    /// <summary>True (and counted) when one more retry fits the budget.</summary>
    public bool TryRetry(long nowTicks, int budgetPercent)
    {
        var epoch = nowTicks / TimeSpan.TicksPerSecond;
        var (firsts, retries) = _window.Sum(epoch);
        if (retries >= MinRetriesPerWindow + ((long)firsts * budgetPercent / 100))
        {
            return false;
        }

        _window.Add(epoch, 0, 1);
        return true;
    }
}
