namespace Switchyard.Portal.Services;

/// <summary>
/// On the sign-in call only, tells the control plane the browser's address (<c>X-Forwarded-For</c>): the portal calls the
/// admin API for all its users from one address, and the control plane throttles sign-in per client address. The
/// control plane honours the header only from trusted proxies (loopback, <c>ForwardedHeaders:*</c>).
/// </summary>
internal sealed class ForwardClientAddressHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    /// <summary>Set on a request message to forward the current browser's address with it.</summary>
    public static readonly HttpRequestOptionsKey<bool> Forward = new("Switchyard.ForwardClientAddress");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(Forward, out var forward) && forward
            && accessor.HttpContext?.Connection.RemoteIpAddress is { } address)
        {
            request.Headers.Remove("X-Forwarded-For");
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString());
        }

        return base.SendAsync(request, cancellationToken);
    }
}
