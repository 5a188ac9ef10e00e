namespace Switchyard.ControlPlane.Features.Sso;

/// <summary>
/// In the identity providers' HTTP client: calls follow no redirects (the egress handler sets none), and a redirect answer
/// fails the call with an <see cref="SsoRedirectRefusedException"/> saying so, rather than as an unreadable document or a
/// token error further on.
/// </summary>
internal sealed class SsoRedirectRefusal : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var status = (int)response.StatusCode;
        if (status is < 300 or > 399 || status == 304)
        {
            return response;
        }

        var location = response.Headers.Location;
        if (location is not null && !location.IsAbsoluteUri && request.RequestUri is { } requested)
        {
            location = new Uri(requested, location);
        }

        response.Dispose();
        throw new SsoRedirectRefusedException(request.RequestUri!, status, location);
    }
}
