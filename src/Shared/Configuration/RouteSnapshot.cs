using System.Text.Json.Serialization;

namespace Switchyard.Shared.Configuration;

/// <summary>A public model name of one tenant, served by a pool of provider deployments.</summary>
/// <param name="Strategy">Name of the routing policy, one of <see cref="RoutingStrategies"/>; "weighted" is the default.</param>
/// <param name="DropUnsupportedParams">
/// True: request parameters a deployment's model cannot serve (see <see cref="DeploymentSnapshot.Capabilities"/>) are dropped
/// before forwarding; false: such a request is answered 400. Left out of the JSON when false, so older snapshots hash as before.
/// </param>
public sealed record RouteSnapshot(
    Guid Id,
    Guid TenantId,
    string PublicModel,
    string Strategy,
    IReadOnlyList<DeploymentSnapshot> Deployments,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool DropUnsupportedParams = false);
