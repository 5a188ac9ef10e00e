namespace Switchyard.ServiceDefaults.Routing;

/// <summary>Endpoint metadata: the endpoint answers only connections that arrived on one of these local ports.</summary>
public sealed class LocalPortMetadata(IReadOnlyCollection<int> ports)
{
    public IReadOnlyCollection<int> Ports { get; } = ports;
}
