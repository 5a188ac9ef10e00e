using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Egress;

namespace Switchyard.ControlPlane.Features.Routes;

/// <summary>
/// Validates one <see cref="DeploymentRequest"/> of a route: against the rules nodes apply (<see cref="DeploymentRules"/>:
/// kind, upstream model, weight, base URL, the kind's settings), its credential (in this tenant, of a compatible kind,
/// <see cref="CredentialRules"/>), its routing fields (<see cref="RouteResilienceRules.ValidateDeployment"/>: priority, prices,
/// health check interval), its capabilities override and its destination (the egress policy). Field names follow the JSON body
/// (deployments[0].baseUrl, deployments[0].settings.region, deployments[0].capabilities.contextWindow).
/// </summary>
public static class DeploymentValidator
{
    /// <param name="credentialKinds">The provider kind of every credential of the tenant the route names, by id.</param>
    /// <param name="egressAllowed">What the egress policy allows beyond public addresses (platform list and this process's settings).</param>
    public static void Validate(
        ValidationErrors errors, string field, DeploymentRequest d, IReadOnlyDictionary<Guid, string> credentialKinds, EgressAllowList egressAllowed)
    {
        var ruleErrors = new List<ConfigFieldError>();
        DeploymentRules.Validate(d.ProviderKind, d.UpstreamModel, d.BaseUrl, d.Weight, d.Settings, ruleErrors);
        errors.Add(field + ".", ruleErrors);
        var routingErrors = new List<ConfigFieldError>();
        RouteResilienceRules.ValidateDeployment(d.Priority, d.InputPricePerMTok, d.OutputPricePerMTok, d.HealthCheckIntervalSeconds, routingErrors);
        errors.Add(field + ".", routingErrors);
        if (ruleErrors.Count == 0)
        {
            ValidateDestination(errors, field, d, egressAllowed);
        }

        ValidateCapabilities(errors, $"{field}.capabilities", d.Capabilities);

        if (d.CredentialId is { } credentialId && ProviderKinds.IsKnown(d.ProviderKind))
        {
            if (!credentialKinds.TryGetValue(credentialId, out var credentialKind))
            {
                errors.Add($"{field}.credentialId", "The credential does not exist in this tenant.");
            }
            else if (!CredentialRules.IsCompatible(credentialKind, d.ProviderKind))
            {
                errors.Add($"{field}.credentialId",
                    $"The credential is for provider kind '{credentialKind}'; a '{d.ProviderKind}' deployment needs a '{d.ProviderKind}' credential.");
            }
        }
    }

    /// <summary>The base URL the node would use (given or the kind's default) must not name a destination the policy forbids.</summary>
    private static void ValidateDestination(
        ValidationErrors errors, string field, DeploymentRequest d, EgressAllowList egressAllowed)
    {
        var given = !string.IsNullOrEmpty(d.BaseUrl);
        var effective = given ? d.BaseUrl : ProviderKinds.DefaultBaseUrl(d.ProviderKind, d.Settings);
        if (UpstreamBaseUrl.Validate(effective, out var url) is not null || EgressPolicy.LiteralDenyReason(url!, egressAllowed) is not { } reason)
        {
            return;
        }

        errors.Add($"{field}.baseUrl", given
            ? $"The baseUrl field names a destination the platform's egress policy does not allow: {reason}. A platform admin can allow it (PUT /api/platform/egress)."
            : $"The default base URL of provider kind '{d.ProviderKind}' ({effective}) is a destination the platform's egress policy does not allow: {reason}. Give a baseUrl, or ask a platform admin to allow it (PUT /api/platform/egress).");
    }

    private static void ValidateCapabilities(ValidationErrors errors, string field, ModelCapabilities? capabilities)
    {
        if (capabilities is null)
        {
            return;
        }

        if (capabilities.ContextWindow is < 1)
        {
            errors.Add($"{field}.contextWindow", "The contextWindow field must be at least 1 when given.");
        }

        if (capabilities.MaxOutputTokens is < 1)
        {
            errors.Add($"{field}.maxOutputTokens", "The maxOutputTokens field must be at least 1 when given.");
        }
        else if (capabilities.MaxOutputTokens > capabilities.ContextWindow)
        {
            errors.Add($"{field}.maxOutputTokens", "The maxOutputTokens field must not exceed contextWindow.");
        }

        if (!capabilities.Chat && !capabilities.Embeddings)
        {
            errors.Add(field, "The capabilities must allow chat or embeddings.");
        }
    }
}
