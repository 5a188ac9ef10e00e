namespace Switchyard.Shared.Configuration;

/// <summary>
/// The platform's egress allow-list as carried in a <see cref="ConfigSnapshot"/>: host names and CIDR networks in normal
/// form (see <c>Switchyard.Shared.Egress.EgressAllowList</c>), each list sorted.
/// </summary>
public sealed record EgressSnapshot(IReadOnlyList<string> AllowedHosts, IReadOnlyList<string> AllowedNetworks);
