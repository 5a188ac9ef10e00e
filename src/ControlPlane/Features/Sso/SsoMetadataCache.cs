using System.Collections.Concurrent;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Switchyard.ControlPlane.Features.Sso;

/// <summary>
/// One discovery-document manager per issuer (it caches the provider's metadata and signing keys and refreshes them, as
/// the OpenID Connect handler would for a fixed authority), fetched through the named "Switchyard.Sso" HTTP client.
/// </summary>
public sealed class SsoMetadataCache(IHttpClientFactory clients)
{
    public const string HttpClientName = "Switchyard.Sso";

    private readonly ConcurrentDictionary<string, ConfigurationManager<OpenIdConnectConfiguration>> _managers = new(StringComparer.Ordinal);

    public IConfigurationManager<OpenIdConnectConfiguration> For(string issuer) => _managers.GetOrAdd(issuer, i =>
        new ConfigurationManager<OpenIdConnectConfiguration>(
            i + "/.well-known/openid-configuration",
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever(clients.CreateClient(HttpClientName)) { RequireHttps = i.StartsWith("https://", StringComparison.OrdinalIgnoreCase) }));
}
