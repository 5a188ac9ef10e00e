using Switchyard.DataPlane.Configuration;

namespace Switchyard.DataPlane.Routing;

/// <summary>A named strategy that picks the deployment serving one request of a route.</summary>
public interface IRoutingPolicy
{
    string Name { get; }

    RuntimeDeployment Pick(RuntimeRoute route);
}
