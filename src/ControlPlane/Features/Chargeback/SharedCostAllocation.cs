namespace Switchyard.ControlPlane.Features.Chargeback;

/// <summary>
/// Splits a fixed amount over teams in proportion to their weights (their usage cost; their requests when nobody had
/// any cost) by the largest-remainder method: whole micro-dollars that always add up to exactly the amount.
/// </summary>
public static class SharedCostAllocation
{
    public static Dictionary<Guid, long> Split(long amount, IReadOnlyDictionary<Guid, long> weights)
    {
        var positive = weights.Where(w => w.Value > 0).OrderBy(w => w.Key).ToList();
        var total = positive.Aggregate((Int128)0, (sum, w) => sum + w.Value);
        if (amount <= 0 || total == 0)
        {
            return [];
        }

        var shares = positive.Select(w => (w.Key, Whole: (long)(amount * (Int128)w.Value / total), Remainder: amount * (Int128)w.Value % total)).ToList();
        var left = amount - shares.Sum(s => s.Whole);
        return shares.OrderByDescending(s => s.Remainder).ThenBy(s => s.Key).Select((s, i) => (s.Key, Amount: s.Whole + (i < left ? 1 : 0)))
            .ToDictionary(s => s.Key, s => s.Amount);
    }
}
