using Switchyard.DataPlane.Telemetry;
using Switchyard.Shared.Egress;

namespace Switchyard.DataPlane.Egress;

/// <summary>
/// The node's egress policy: its own allow-list (<see cref="EgressOptions"/>) and the platform's allow-list of the live
/// snapshot. Its <see cref="CreateConnections"/> are the shared <see cref="EgressConnections"/> (connect only to allowed
/// resolved addresses, a fresh pool when the platform list changes), with every refusal logged (host, port, address,
/// reason).
/// </summary>
/// <param name="configured">The node's own allow-list (<see cref="EgressOptions"/>).</param>
/// <param name="published">The platform's allow-list of the live snapshot.</param>
public sealed class EgressGuard(EgressAllowList configured, Func<EgressAllowList> published, ILogger<EgressGuard> logger)
{
    /// <summary>The platform's allow-list as it is now.</summary>
    public EgressAllowList Published => published();

    /// <summary>Connections under this policy; <paramref name="configure"/> sets the pools' other handler settings.</summary>
    public EgressConnections CreateConnections(Action<SocketsHttpHandler>? configure = null) =>
        new(configured, configure, denied => DataPlaneEgressLog.ConnectionRefused(logger, denied.Host, denied.Port, denied.Address.ToString(), denied.Reason));
}
