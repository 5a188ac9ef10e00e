using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Routes;

/// <summary>Validates a <see cref="RouteRequest"/> for one tenant; field names follow the JSON body (deployments[0].baseUrl).</summary>
public static partial class RouteValidator
{
    public const int MaxDeployments = 32;

    public static async Task<ValidationErrors> ValidateAsync(Guid tenantId, RouteRequest request, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors().Required("publicModel", request.PublicModel, ModelRoute.PublicModelMaxLength);
        if (string.IsNullOrWhiteSpace(request.Strategy) || !StrategyName().IsMatch(request.Strategy))
        {
            errors.Add("strategy", "The strategy field must be a policy name such as 'weighted' (lowercase letters, digits and dashes).");
        }

        var deployments = request.Deployments ?? [];
        if (deployments.Count == 0)
        {
            errors.Add("deployments", "A route needs at least one deployment.");
        }
        else if (deployments.Count > MaxDeployments)
        {
            errors.Add("deployments", $"A route can have at most {MaxDeployments} deployments.");
        }

        var credentialIds = deployments.Where(d => d?.CredentialId is not null).Select(d => d.CredentialId!.Value).Distinct().ToList();
        var known = await db.ProviderCredentials.AsNoTracking()
            .Where(c => c.TenantId == tenantId && credentialIds.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken);

        for (var i = 0; i < deployments.Count; i++)
        {
            var field = $"deployments[{i}]";
            var d = deployments[i];
            if (d is null)
            {
                errors.Add(field, "A deployment must not be null.");
                continue;
            }

            if (!ProviderKinds.All.Contains(d.ProviderKind))
            {
                errors.Add($"{field}.providerKind", $"The providerKind field must be one of: {string.Join(", ", ProviderKinds.All)}.");
            }

            errors.Required($"{field}.upstreamModel", d.UpstreamModel, 200);
            if (d.Weight < 1)
            {
                errors.Add($"{field}.weight", "The weight field must be at least 1.");
            }

            var needsUrl = d.ProviderKind == ProviderKinds.OpenAI;
            if ((needsUrl || !string.IsNullOrEmpty(d.BaseUrl)) && !IsHttpUrl(d.BaseUrl))
            {
                errors.Add($"{field}.baseUrl", "The baseUrl field must be an absolute http or https URL.");
            }

            if (d.CredentialId is { } credentialId && !known.Contains(credentialId))
            {
                errors.Add($"{field}.credentialId", "The credential does not exist in this tenant.");
            }
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
        }).ToList();

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    [GeneratedRegex("^[a-z][a-z0-9-]{0,63}$")]
    private static partial Regex StrategyName();
}
