namespace Switchyard.Shared.Configuration;

/// <summary>A public model name of one tenant, served by a pool of provider deployments.</summary>
/// <param name="Strategy">Name of the routing policy; "weighted" is the default.</param>
public sealed record RouteSnapshot(
    Guid Id,
    Guid TenantId,
    string PublicModel,
    string Strategy,
    IReadOnlyList<DeploymentSnapshot> Deployments);
