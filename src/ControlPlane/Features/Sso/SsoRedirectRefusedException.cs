using Switchyard.Shared;

namespace Switchyard.ControlPlane.Features.Sso;

/// <summary>
/// An identity provider answered a backchannel call (discovery, signing keys, token or user-info endpoint) with a
/// redirect, which single sign-on does not follow (<see cref="SsoRedirectRefusal"/>): the redirect could lead anywhere,
/// past the issuer the platform admin saved. The message says which URL redirected where (no query strings).
/// </summary>
public sealed class SsoRedirectRefusedException(Uri requested, int status, Uri? location)
    : HttpRequestException(
        $"the identity provider answered {WithoutQuery(requested)} with a redirect (HTTP {status}{(location is null ? "" : " to " + WithoutQuery(location))}), " +
        "which single sign-on does not follow; set the issuer to the address the provider serves its discovery document at")
{
    /// <summary>The redirect refusal in <paramref name="exception"/> or its chain of inner exceptions, if any.</summary>
    public static SsoRedirectRefusedException? Find(Exception? exception) => ExceptionChain.Find<SsoRedirectRefusedException>(exception);

    private static string WithoutQuery(Uri url) =>
        url.IsAbsoluteUri ? url.GetLeftPart(UriPartial.Path) : url.OriginalString.Split('?', '#')[0];
}
