using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;

namespace Switchyard.ServiceDefaults.Routing;

/// <summary>
/// Routes by the local port a connection arrived on (<see cref="ConnectionInfo.LocalPort"/>), unlike <c>RequireHost</c>,
/// which matches the client-controlled Host header. An endpoint with <see cref="LocalPortMetadata"/> exists only on its
/// ports: elsewhere its path is unknown (404), never 405 or 401. Endpoints without the metadata answer on every port.
/// Part of the routing tree (a node policy, ahead of the HTTP method policy), so nothing of another port's endpoints shows.
/// </summary>
public sealed class LocalPortMatcherPolicy : MatcherPolicy, INodeBuilderPolicy
{
    private const int OtherPorts = -1;

    public override int Order => -2000;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) => endpoints.Any(e => Ports(e) is not null);

    public IReadOnlyList<PolicyNodeEdge> GetEdges(IReadOnlyList<Endpoint> endpoints)
    {
        var edges = endpoints.SelectMany(e => Ports(e) ?? []).Distinct()
            .Select(port => new PolicyNodeEdge(port, endpoints.Where(e => Ports(e) is not { } ports || ports.Contains(port)).ToArray()))
            .ToList();
        edges.Add(new PolicyNodeEdge(OtherPorts, endpoints.Where(e => Ports(e) is null).ToArray()));
        return edges;
    }

    public PolicyJumpTable BuildJumpTable(int exitDestination, IReadOnlyList<PolicyJumpTableEdge> edges)
    {
        var byPort = new Dictionary<int, int>();
        var other = exitDestination;
        foreach (var edge in edges)
        {
            var port = (int)edge.State;
            if (port == OtherPorts)
            {
                other = edge.Destination;
            }
            else
            {
                byPort[port] = edge.Destination;
            }
        }

        return new PortJumpTable(byPort, other);
    }

    private static IReadOnlyCollection<int>? Ports(Endpoint endpoint) => endpoint.Metadata.GetMetadata<LocalPortMetadata>()?.Ports;

    private sealed class PortJumpTable(Dictionary<int, int> byPort, int other) : PolicyJumpTable
    {
        public override int GetDestination(HttpContext httpContext) =>
            byPort.TryGetValue(httpContext.Connection.LocalPort, out var destination) ? destination : other;
    }
}
