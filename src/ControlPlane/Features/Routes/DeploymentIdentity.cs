namespace Switchyard.ControlPlane.Features.Routes;

/// <summary>
/// Keeps a deployment's id across route edits while it still names the same upstream (provider kind, upstream model, base
/// URL and credential): nodes key a deployment's health (breaker, cooldown, latency) by its id, so changing a weight or a
/// price must not forget that a deployment is down. A deployment whose upstream changed is a new deployment.
/// </summary>
public static class DeploymentIdentity
{
    /// <summary>
    /// Gives each of <paramref name="requested"/> the id of an unclaimed <paramref name="existing"/> deployment with the same
    /// upstream, in order; returns the existing deployments no requested one took.
    /// </summary>
    public static List<RouteDeployment> CarryOver(IReadOnlyList<RouteDeployment> existing, List<RouteDeployment> requested)
    {
        var unclaimed = existing.OrderBy(d => d.Position).ToList();
        foreach (var deployment in requested)
        {
            var index = unclaimed.FindIndex(d => SameUpstream(d, deployment));
            if (index >= 0)
            {
                deployment.Id = unclaimed[index].Id;
                unclaimed.RemoveAt(index);
            }
        }

        return unclaimed;
    }

    private static bool SameUpstream(RouteDeployment a, RouteDeployment b) =>
        a.ProviderKind == b.ProviderKind
        && a.UpstreamModel == b.UpstreamModel
        && string.Equals(a.BaseUrl?.TrimEnd('/'), b.BaseUrl?.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)
        && a.CredentialId == b.CredentialId;
}
