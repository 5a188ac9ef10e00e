using Microsoft.Extensions.Time.Testing;
using Switchyard.DataPlane.Routing;
using Switchyard.Shared.Configuration;
using static Switchyard.DataPlane.Tests.Routing.RoutingTestRoutes;

namespace Switchyard.DataPlane.Tests.Routing;

public class RoutingPoliciesTests
{
    private const int Picks = 10_000;

    private readonly RoutingRandom _random = new(new Random(1234));

    [Fact]
    public void WeightedPick_ManyRequests_FollowsTheWeights()
    {
        var route = Route(RoutingStrategies.Weighted, Deployment(weight: 1), Deployment(weight: 3), Deployment(weight: 6));

        var hits = Histogram(new WeightedRoutingPolicy(_random), route, All(route), Health(route), Picks);

        Assert.InRange(hits[0], 800, 1200);
        Assert.InRange(hits[1], 2700, 3300);
        Assert.InRange(hits[2], 5700, 6300);
    }

    [Fact]
    public void WeightedPick_SomeCandidatesSetAside_PicksOnlyAmongTheOthers()
    {
        var route = Route(RoutingStrategies.Weighted, Deployment(weight: 5), Deployment(weight: 1), Deployment(weight: 1));

        var hits = Histogram(new WeightedRoutingPolicy(_random), route, [1, 2], Health(route), Picks);

        Assert.Equal(0, hits[0]);
        Assert.InRange(hits[1], 4500, 5500);
    }

    [Fact]
    public void PriorityPick_FirstTierAvailable_NeverUsesLowerTiers()
    {
        var route = Route(RoutingStrategies.Priority, Deployment(priority: 1), Deployment(priority: 0, weight: 1), Deployment(priority: 0, weight: 3));

        var hits = Histogram(new PriorityRoutingPolicy(_random), route, All(route), Health(route), Picks);

        Assert.Equal(0, hits[0]);
        Assert.InRange(hits[1], 2200, 2800);
        Assert.InRange(hits[2], 7200, 7800);
    }

    [Fact]
    public void PriorityPick_FirstTierUnavailable_UsesTheNextTier()
    {
        var route = Route(RoutingStrategies.Priority, Deployment(priority: 2), Deployment(priority: 0), Deployment(priority: 1));

        Assert.Equal(2, new PriorityRoutingPolicy(_random).Pick(route, [0, 2], Health(route)));
    }

    [Fact]
    public void LatencyPick_MeasuredDeployments_MostlyPicksTheFastestAndExploresTheRest()
    {
        var route = Route(RoutingStrategies.Latency, Deployment(), Deployment(), Deployment());
        var health = Health(route);
        Measure(health[0], 300);
        Measure(health[1], 50);
        Measure(health[2], 120);

        var hits = Histogram(new LatencyRoutingPolicy(_random), route, All(route), health, Picks);

        // 95 % exploit plus a third of the 5 % exploration; the others only through exploration (≈ 1.7 % each).
        Assert.InRange(hits[1], 9500, 9800);
        Assert.InRange(hits[0], 80, 300);
        Assert.InRange(hits[2], 80, 300);
    }

    [Fact]
    public void LatencyPick_DeploymentNotMeasuredYet_IsTriedFirst()
    {
        var route = Route(RoutingStrategies.Latency, Deployment(), Deployment());
        var health = Health(route);
        Measure(health[0], 10);

        var hits = Histogram(new LatencyRoutingPolicy(_random), route, All(route), health, 1000);

        Assert.True(hits[1] > 950, $"unmeasured picked {hits[1]} times");
    }

    [Fact]
    public void LeastBusyPick_UnequalInFlight_PicksTheLeastBusyAndBreaksTiesAtRandom()
    {
        var route = Route(RoutingStrategies.LeastBusy, Deployment(), Deployment(), Deployment());
        var health = Health(route);
        Acquire(health[0], 3);
        Acquire(health[1], 1);
        Acquire(health[2], 1);

        var hits = Histogram(new LeastBusyRoutingPolicy(_random), route, All(route), health, Picks);

        Assert.Equal(0, hits[0]);
        Assert.InRange(hits[1], 4500, 5500);
        Assert.InRange(hits[2], 4500, 5500);
    }

    [Fact]
    public void CostPick_PricedAndUnpriced_PicksTheCheapestPricedOne()
    {
        var route = Route(RoutingStrategies.Cost, Deployment(), Deployment(input: 3, output: 15), Deployment(input: 0.15m, output: 0.6m), Deployment(input: 2.5m, output: 10));

        var hits = Histogram(new CostRoutingPolicy(_random), route, All(route), Health(route), 100);

        Assert.Equal(100, hits[2]);
    }

    [Fact]
    public void CostPick_ResolvedSnapshotPrices_PicksByTheResolvedPriceNotTheDeploymentFields()
    {
        // The control plane resolved catalog/tenant prices into Price; the usage records bill at these, so routing must too.
        var dear = Deployment() with { Price = new DeploymentPrice("catalog-a", DeploymentPrice.FromCatalog, 2.5m, 10) };
        var cheap = Deployment() with { Price = new DeploymentPrice("tenant-b", DeploymentPrice.FromTenant, 0.15m, 0.6m) };
        var route = Route(RoutingStrategies.Cost, dear, Deployment(), cheap);

        var hits = Histogram(new CostRoutingPolicy(_random), route, All(route), Health(route), 100);

        Assert.Equal(100, hits[2]);
    }

    [Fact]
    public void CostPick_PricedOnesUnavailable_UsesTheUnpricedOnes()
    {
        var route = Route(RoutingStrategies.Cost, Deployment(), Deployment(input: 1, output: 1), Deployment());

        var hits = Histogram(new CostRoutingPolicy(_random), route, [0, 2], Health(route), 1000);

        Assert.InRange(hits[0], 400, 600);
        Assert.InRange(hits[2], 400, 600);
    }

    [Fact]
    public void StickyPick_SameSession_KeepsTheSameDeploymentUntilItIsUnavailable()
    {
        var route = Route(RoutingStrategies.Weighted, Deployment(), Deployment(), Deployment(), Deployment());
        var buffer = new int[4];
        var session = SessionKey.HashText("user-42");

        var first = DeploymentSelector.PickSticky(route, All(route), session, buffer);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(first, DeploymentSelector.PickSticky(route, All(route), session, buffer));
        }

        int[] without = [.. All(route).Where(i => i != first)];
        var second = DeploymentSelector.PickSticky(route, without, session, buffer);
        Assert.NotEqual(first, second);
        Assert.Equal(second, DeploymentSelector.PickSticky(route, without, session, buffer));
    }

    [Fact]
    public void StickyPick_ManySessions_SpreadOverTheDeployments()
    {
        var route = Route(RoutingStrategies.Weighted, Deployment(), Deployment(), Deployment(weight: 2));
        var hits = new int[3];
        for (var i = 0; i < Picks; i++)
        {
            hits[DeploymentSelector.PickSticky(route, All(route), SessionKey.HashText("session-" + i), new int[3])]++;
        }

        Assert.InRange(hits[0], 2200, 2800);
        Assert.InRange(hits[1], 2200, 2800);
        Assert.InRange(hits[2], 4700, 5300);
    }

    [Fact]
    public void StickyPick_PriorityRoute_StaysInTheFirstTier()
    {
        var route = Route(RoutingStrategies.Priority, Deployment(priority: 1), Deployment(priority: 1), Deployment(priority: 0));

        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(2, DeploymentSelector.PickSticky(route, All(route), SessionKey.HashText("s" + i), new int[3]));
        }
    }

    private static void Measure(DeploymentHealthState health, double latencyMs)
    {
        var now = new FakeTimeProvider().GetUtcNow().UtcTicks;
        Assert.True(health.TryAcquire(now, BreakerSettings.Default, out var probe));
        health.Complete(probe, AttemptOutcome.Success, now, BreakerSettings.Default, latencyMs);
    }

    private static void Acquire(DeploymentHealthState health, int times)
    {
        for (var i = 0; i < times; i++)
        {
            Assert.True(health.TryAcquire(0, BreakerSettings.Default, out _));
        }
    }
}
