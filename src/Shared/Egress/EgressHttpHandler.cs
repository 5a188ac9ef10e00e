namespace Switchyard.Shared.Egress;

/// <summary>
/// The primary handler of an <see cref="HttpClient"/> whose calls go out under the egress policy with a platform
/// allow-list given per request (<see cref="PlatformAllowList"/>; none means only the process's own list): each request is
/// sent over the <see cref="EgressConnections"/> pool of that list, so a destination the platform list no longer allows
/// is refused on the next request although a pooled connection to it is still open. Disposes the connections with it.
/// </summary>
public sealed class EgressHttpHandler(EgressConnections connections) : HttpMessageHandler
{
    /// <summary>The platform's allow-list (e.g. from the database) for this request.</summary>
    public static readonly HttpRequestOptionsKey<EgressAllowList> PlatformAllowList = new("switchyard.egress.platform");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var platform = request.Options.TryGetValue(PlatformAllowList, out var list) ? list : EgressAllowList.Empty;
        return connections.For(platform).SendAsync(request, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            connections.Dispose();
        }

        base.Dispose(disposing);
    }
}
