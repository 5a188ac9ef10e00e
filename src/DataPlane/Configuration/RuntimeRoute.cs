using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Configuration;

/// <summary>A route with its deployments and the cumulative weights a policy picks from.</summary>
public sealed class RuntimeRoute
{
    public RuntimeRoute(RouteSnapshot snapshot, RuntimeDeployment[] deployments)
    {
        Snapshot = snapshot;
        Deployments = deployments;
        CumulativeWeights = new int[deployments.Length];
        var total = 0;
        for (var i = 0; i < deployments.Length; i++)
        {
            total = checked(total + deployments[i].Snapshot.Weight);
            CumulativeWeights[i] = total;
        }

        TotalWeight = total;
    }

    public RouteSnapshot Snapshot { get; }

    public Guid Id => Snapshot.Id;

    public string PublicModel => Snapshot.PublicModel;

    public IReadOnlyList<RuntimeDeployment> Deployments { get; }

    /// <summary>Running sum of deployment weights, aligned with <see cref="Deployments"/>.</summary>
    public int[] CumulativeWeights { get; }

    public int TotalWeight { get; }
}
