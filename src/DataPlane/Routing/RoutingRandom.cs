namespace Switchyard.DataPlane.Routing;

/// <summary>
/// The randomness of the routing policies (weighted picks, tie-breaking, exploration), injectable so tests can seed it.
/// The default is <see cref="Random.Shared"/> (thread-safe); a seeded instance is for single-threaded tests.
/// </summary>
public sealed class RoutingRandom(Random? random = null)
{
    private readonly Random _random = random ?? Random.Shared;

    /// <summary>0 ≤ result &lt; <paramref name="maxExclusive"/>.</summary>
    public int Next(int maxExclusive) => _random.Next(maxExclusive);

    /// <summary>0 ≤ result &lt; 1.</summary>
    public double NextDouble() => _random.NextDouble();
}
