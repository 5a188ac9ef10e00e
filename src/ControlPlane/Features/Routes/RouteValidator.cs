using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Egress;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Egress;

namespace Switchyard.ControlPlane.Features.Routes;

/// <summary>
/// Validates a <see cref="RouteRequest"/> for one tenant against the rules nodes apply (<see cref="RouteRules"/>: public
/// model, a strategy of <see cref="RoutingStrategies"/>, 1 to 32 deployments); each deployment is checked by
/// <see cref="DeploymentValidator"/>. Field names follow the JSON body (strategy, deployments[0].baseUrl).
/// </summary>
public static class RouteValidator
{
    /// <param name="configuredEgress">This process's Egress settings; the platform's allow-list is read from the database.</param>
    public static async Task<ValidationErrors> ValidateAsync(
        Guid tenantId, RouteRequest request, ControlPlaneDbContext db, EgressAllowList configuredEgress, CancellationToken cancellationToken)
    {
        var deployments = request.Deployments ?? [];
        var routeErrors = new List<ConfigFieldError>();
        RouteRules.Validate(request.PublicModel, request.Strategy, deployments.Count, routeErrors);
        var errors = new ValidationErrors().Add("", routeErrors);

        var credentialIds = deployments.Where(d => d?.CredentialId is not null).Select(d => d.CredentialId!.Value).Distinct().ToList();
        var credentialKinds = await db.ProviderCredentials.AsNoTracking()
            .Where(c => c.TenantId == tenantId && credentialIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.ProviderKind, cancellationToken);
        var egressAllowed = EgressAllowList.Union(await PlatformEgressPolicy.LoadAllowListAsync(db, cancellationToken), configuredEgress);

        for (var i = 0; i < deployments.Count; i++)
        {
            var field = $"deployments[{i}]";
            if (deployments[i] is not { } deployment)
            {
                errors.Add(field, "A deployment must not be null.");
                continue;
            }

            DeploymentValidator.Validate(errors, field, deployment, credentialKinds, egressAllowed);
        }

        return errors;
    }

    /// <summary>Builds the deployment rows in request order.</summary>
    public static List<RouteDeployment> ToDeployments(IReadOnlyList<DeploymentRequest> deployments) =>
        deployments.Select((d, i) => new RouteDeployment
        {
            Id = Guid.CreateVersion7(),
            Position = i,
            ProviderKind = d.ProviderKind,
            UpstreamModel = d.UpstreamModel.Trim(),
            BaseUrl = string.IsNullOrWhiteSpace(d.BaseUrl) ? null : d.BaseUrl.Trim(),
            CredentialId = d.CredentialId,
            Weight = d.Weight,
            Settings = d.Settings is null ? [] : new Dictionary<string, string>(d.Settings, StringComparer.Ordinal),
            Capabilities = d.Capabilities,
        }).ToList();

}
