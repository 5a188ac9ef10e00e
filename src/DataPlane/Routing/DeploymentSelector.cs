using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Pipeline;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Routing;

/// <summary>
/// Chooses the deployment for one attempt of a request on a route: sets aside the deployments this request already
/// tried, those whose breaker is open or that cool down after a provider 429, and those whose model cannot serve the
/// request (unless none of the route's can: then the endpoint's own refusal or adaptation applies); then lets the sticky
/// session (when the route is sticky and the request names one) or the route's strategy pick, and admits the pick
/// through its breaker (a half-open breaker admits one probe). No allocation: candidates live on the stack.
/// </summary>
public sealed class DeploymentSelector(RoutingPolicyRegistry policies, DeploymentHealthRegistry registry, TimeProvider time)
{
    public DeploymentHealthRegistry Health => registry;

    /// <summary>
    /// The chosen deployment's index in <see cref="RuntimeRoute.Deployments"/> (admitted: the caller must report its
    /// outcome to its health state), or -1 when none can serve now; then <paramref name="availableAtTicks"/> is the
    /// earliest time (UTC ticks) one of the untried deployments recovers, or <see cref="long.MaxValue"/> when none will.
    /// </summary>
    /// <param name="tried">Bit i set: deployment i was already tried by this request.</param>
    public int Select(GatewayContext context, RuntimeRoute route, ulong tried, out bool probe, out long availableAtTicks)
    {
        probe = false;
        availableAtTicks = long.MaxValue;
        var state = registry.ForRoute(route);
        var deployments = route.Deployments;
        var now = time.GetUtcNow().UtcTicks;

        Span<int> capable = stackalloc int[deployments.Count];
        Span<int> other = stackalloc int[deployments.Count];
        int capableCount = 0, otherCount = 0;
        var anyCapable = false;
        var guardPolicies = context.Guard?.Policies;
        for (var i = 0; i < deployments.Count; i++)
        {
            if (guardPolicies is not null && !guardPolicies.AllowsRegion(deployments[i].Snapshot.Region))
            {
                // The tenant's policies require other regions: this deployment never serves the request.
                continue;
            }

            var canServe = context.Endpoint.CanServe(context, deployments[i]);
            anyCapable |= canServe;
            if ((tried & (1UL << i)) != 0)
            {
                continue;
            }

            var health = state.Health[i];
            if (!health.IsAvailable(now))
            {
                availableAtTicks = Math.Min(availableAtTicks, health.AvailableAtTicks(now));
                continue;
            }

            if (canServe)
            {
                capable[capableCount++] = i;
            }
            else
            {
                other[otherCount++] = i;
            }
        }

        // Deployments that cannot serve this request are used only when no deployment of the route can.
        var candidates = anyCapable ? capable[..capableCount] : other[..otherCount];
        var policy = policies.Get(route.Snapshot.Strategy);
        var sticky = route.Snapshot.Sticky && SessionKey.TryHash(context, out var session) ? session : (ulong?)null;
        Span<int> buffer = stackalloc int[deployments.Count];
        while (candidates.Length > 0)
        {
            var pick = sticky is { } hash ? PickSticky(route, candidates, hash, buffer) : policy.Pick(route, candidates, state.Health);
            if (state.Health[pick].TryAcquire(now, state.Breaker, out probe))
            {
                return pick;
            }

            // Lost a race for the probe (or the breaker just opened): drop it and pick again.
            availableAtTicks = Math.Min(availableAtTicks, Math.Max(now + 1, state.Health[pick].AvailableAtTicks(now)));
            var at = candidates.IndexOf(pick);
            candidates[(at + 1)..].CopyTo(candidates[at..]);
            candidates = candidates[..^1];
        }

        return -1;
    }

    /// <summary>
    /// Weighted rendezvous hashing of the session over the candidates (within the first tier for the priority
    /// strategy): the same session keeps the same deployment while it stays available, and when it does not, only its
    /// sessions move.
    /// </summary>
    internal static int PickSticky(RuntimeRoute route, ReadOnlySpan<int> candidates, ulong session, Span<int> buffer)
    {
        if (route.Snapshot.Strategy == RoutingStrategies.Priority)
        {
            candidates = PriorityRoutingPolicy.TopTier(route, candidates, buffer);
        }

        var best = candidates[0];
        var bestScore = double.NegativeInfinity;
        foreach (var index in candidates)
        {
            var deployment = route.Deployments[index];
            var id = deployment.Id;
            var idHash = SessionKey.Hash(System.Runtime.InteropServices.MemoryMarshal.AsBytes(new ReadOnlySpan<Guid>(in id)));
            // A uniform (0,1) value from the pair, turned into a weighted score: -w / ln(u).
            var u = ((Mix(session ^ idHash) >> 11) + 0.5) / (1UL << 53);
            var score = -Math.Max(1, deployment.Snapshot.Weight) / Math.Log(u);
            if (score > bestScore)
            {
                best = index;
                bestScore = score;
            }
        }

        return best;
    }

    private static ulong Mix(ulong x)
    {
        // splitmix64's finaliser.
        x ^= x >> 30;
        x *= 0xbf58476d1ce4e5b9;
        x ^= x >> 27;
        x *= 0x94d049bb133111eb;
        return x ^ (x >> 31);
    }
}
