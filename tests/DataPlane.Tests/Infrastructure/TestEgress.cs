using Microsoft.Extensions.Logging.Abstractions;
using Switchyard.DataPlane.Egress;
using Switchyard.DataPlane.Providers.Upstream;
using Switchyard.Shared.Egress;

namespace Switchyard.DataPlane.Tests.Infrastructure;

/// <summary>
/// The egress policy of tests whose fake upstreams listen on 127.0.0.1: loopback is allowed through the node's own
/// allow-list (as an operator would configure it), everything else follows the default policy.
/// </summary>
internal static class TestEgress
{
    /// <summary>The <c>Egress:AllowedNetworks</c> a test node is configured with.</summary>
    public static readonly string[] LoopbackNetworks = ["127.0.0.0/8", "::1/128"];

    public static EgressAllowList Loopback { get; } = EgressAllowList.TryCreate([], LoopbackNetworks, out _)!;

    public static EgressGuard Guard(EgressAllowList? configured = null, Func<EgressAllowList>? published = null) =>
        new(configured ?? Loopback, published ?? (() => EgressAllowList.Empty), NullLogger<EgressGuard>.Instance);

    /// <summary>An upstream client (like the node's singleton) that may reach the fake upstreams on loopback.</summary>
    public static UpstreamHttpClient LoopbackClient() => new(Guard());
}
