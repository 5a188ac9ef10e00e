using System.Collections.Frozen;
using Switchyard.DataPlane.Guardrails;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Messages;
using Switchyard.Shared.Egress;

namespace Switchyard.DataPlane.Configuration;

/// <summary>The immutable, lookup-ready form of one <see cref="ConfigSnapshot"/> revision.</summary>
public sealed class RuntimeSnapshot
{
    internal RuntimeSnapshot(
        ConfigSnapshot source,
        FrozenDictionary<string, KeySnapshot> keysByHash,
        FrozenDictionary<Guid, TenantSnapshot> tenants,
        FrozenDictionary<Guid, TeamSnapshot> teams,
        FrozenDictionary<(Guid TenantId, string PublicModel), RuntimeRoute> routes,
        FrozenDictionary<Guid, RuntimeRoute[]> routesByTenant,
        IReadOnlyList<RejectedConfigItem> rejected,
        PolicyIndex? policies = null)
    {
        Policies = policies ?? PolicyIndex.Empty;
        Revision = source.Revision;
        Hash = source.Hash;
        CreatedAt = source.CreatedAt;
        KeysByHash = keysByHash;
        Tenants = tenants;
        Teams = teams;
        Routes = routes;
        RoutesByTenant = routesByTenant;
        Rejected = rejected;
        Egress = source.Egress is { } egress ? EgressAllowList.CreateLenient(egress.AllowedHosts, egress.AllowedNetworks) : EgressAllowList.Empty;
    }

    public long Revision { get; }

    public string Hash { get; }

    public DateTimeOffset CreatedAt { get; }

    public FrozenDictionary<string, KeySnapshot> KeysByHash { get; }

    public FrozenDictionary<Guid, TenantSnapshot> Tenants { get; }

    public FrozenDictionary<Guid, TeamSnapshot> Teams { get; }

    /// <summary>Routes by (tenant, public model), model compared ordinally.</summary>
    public FrozenDictionary<(Guid TenantId, string PublicModel), RuntimeRoute> Routes { get; }

    public FrozenDictionary<Guid, RuntimeRoute[]> RoutesByTenant { get; }

    /// <summary>Items of the source snapshot this node left out (routes kept as unavailable included).</summary>
    public IReadOnlyList<RejectedConfigItem> Rejected { get; }

    /// <summary>The tenants' policies, compiled (an invalid one left out and listed in <see cref="Rejected"/>).</summary>
    public PolicyIndex Policies { get; }

    /// <summary>The platform's egress allow-list (an entry this build cannot read allows nothing).</summary>
    public EgressAllowList Egress { get; }

    public RuntimeRoute? FindRoute(Guid tenantId, string publicModel) =>
        Routes.TryGetValue((tenantId, publicModel), out var route) ? route : null;
}
