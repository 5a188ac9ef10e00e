using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.ApprovedModels;
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
/// <see cref="DeploymentValidator"/>. The resilience fields (fallbacks, retry, timeouts, breaker, a deployment's priority,
/// prices and health check) keep the ranges of <see cref="RouteResilienceRules"/>, and every fallback must name an existing
/// route of the same tenant. Field names follow the JSON body (strategy, deployments[0].baseUrl, retry.maxAttempts, fallbacks[1]).
/// </summary>
public static class RouteValidator
{
    /// <param name="routeId">The route being replaced, if any (its current name is not a valid fallback of itself).</param>
    /// <param name="configuredEgress">This process's Egress settings; the platform's allow-list is read from the database.</param>
    public static async Task<ValidationErrors> ValidateAsync(
        Guid tenantId, Guid? routeId, RouteRequest request, ControlPlaneDbContext db, EgressAllowList configuredEgress, CancellationToken cancellationToken)
    {
        var deployments = request.Deployments ?? [];
        var routeErrors = new List<ConfigFieldError>();
        RouteRules.Validate(request.PublicModel, request.Strategy, deployments.Count, routeErrors);
        RouteResilienceRules.Validate(request.PublicModel?.Trim(), request.Fallbacks, request.ContextWindowFallbacks, request.ContentPolicyFallbacks,
            request.Retry, request.Timeouts, request.Breaker, routeErrors);
        var errors = new ValidationErrors().Add("", routeErrors);
        if (errors.IsValid)
        {
            await ValidateFallbacksExistAsync(tenantId, routeId, request, db, errors, cancellationToken);
        }

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
            if (!string.IsNullOrWhiteSpace(deployment.Region) && !Switchyard.Governance.Policies.PolicyNames.IsIdentifier(deployment.Region.Trim()))
            {
                errors.Add(field + ".region", "A region is 1–64 characters: lowercase letters, digits, '-', '_' and '.'.");
            }
        }

        await ApprovedModelCheck.ValidateAsync(errors, deployments, db, cancellationToken);

        return errors;
    }

    /// <summary>Each fallback must be the public model of another route of this tenant, as stored now.</summary>
    private static async Task ValidateFallbacksExistAsync(
        Guid tenantId, Guid? routeId, RouteRequest request, ControlPlaneDbContext db, ValidationErrors errors, CancellationToken cancellationToken)
    {
        (string Field, IReadOnlyList<string>? Models)[] lists =
        [
            ("fallbacks", request.Fallbacks), ("contextWindowFallbacks", request.ContextWindowFallbacks), ("contentPolicyFallbacks", request.ContentPolicyFallbacks),
        ];
        var named = lists.SelectMany(l => l.Models ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (named.Count == 0)
        {
            return;
        }

        var existing = (await db.ModelRoutes.AsNoTracking()
                .Where(r => r.TenantId == tenantId && r.Id != routeId && named.Contains(r.PublicModel))
                .Select(r => r.PublicModel)
                .ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (field, models) in lists)
        {
            for (var i = 0; i < (models?.Count ?? 0); i++)
            {
                if (!existing.Contains(models![i]))
                {
                    errors.Add($"{field}[{i}]", $"There is no route for '{models[i]}' in this tenant; a fallback must be the public model of an existing route.");
                }
            }
        }
    }

    /// <summary>A list as stored: null when not given or empty, so an unused field stays out of the snapshot.</summary>
    public static List<string>? ToList(IReadOnlyList<string>? models) => models is { Count: > 0 } ? [.. models] : null;

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
            Priority = d.Priority,
            InputPricePerMTok = d.InputPricePerMTok,
            OutputPricePerMTok = d.OutputPricePerMTok,
            HealthCheckIntervalSeconds = d.HealthCheckIntervalSeconds,
            Region = string.IsNullOrWhiteSpace(d.Region) ? null : d.Region.Trim(),
        }).ToList();

}
