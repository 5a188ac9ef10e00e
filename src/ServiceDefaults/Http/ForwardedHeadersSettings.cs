using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Switchyard.ServiceDefaults.Http;

/// <summary>
/// Which proxies may tell a process the caller's address and scheme (<c>X-Forwarded-For</c>, <c>X-Forwarded-Proto</c>;
/// section <c>ForwardedHeaders</c>). Behind a TLS-terminating proxy this is what marks cookies <c>Secure</c> and gives
/// per-client limits (sign-in) the real client address. Loopback is always trusted (the portal calls the admin API
/// over it in the all-in-one host and on one machine); add the load balancer's and, on other machines, the portal's
/// addresses. Headers from any other peer are ignored.
/// </summary>
public sealed class ForwardedHeadersSettings : IValidatableObject
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Honour the headers from trusted proxies at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Proxy addresses, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a chain are read, from the nearest one.</summary>
    [Range(1, 10, ErrorMessage = "ForwardedHeaders:ForwardLimit must be between 1 and 10.")]
    public int ForwardLimit { get; set; } = 1;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < KnownProxies.Count; i++)
        {
            if (!IPAddress.TryParse(KnownProxies[i], out _))
            {
                yield return new ValidationResult($"{Section}:{nameof(KnownProxies)}:{i} ('{KnownProxies[i]}') is not an IP address.", [nameof(KnownProxies)]);
            }
        }

        for (var i = 0; i < KnownNetworks.Count; i++)
        {
            if (!IPNetwork.TryParse(KnownNetworks[i], out _))
            {
                yield return new ValidationResult($"{Section}:{nameof(KnownNetworks)}:{i} ('{KnownNetworks[i]}') is not a network in CIDR notation (e.g. 10.0.0.0/24).", [nameof(KnownNetworks)]);
            }
        }
    }
}
