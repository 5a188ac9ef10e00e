using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Routes;

/// <summary>
/// Validates one <see cref="DeploymentRequest"/> of a route: against the rules nodes apply (<see cref="DeploymentRules"/>:
/// kind, upstream model, weight, base URL, the kind's settings), its credential (in this tenant, of a compatible kind,
/// <see cref="CredentialRules"/>) and its capabilities override. Field names follow the JSON body
/// (deployments[0].baseUrl, deployments[0].settings.region, deployments[0].capabilities.contextWindow).
/// </summary>
public static class DeploymentValidator
{
    /// <param name="credentialKinds">The provider kind of every credential of the tenant the route names, by id.</param>
    public static void Validate(ValidationErrors errors, string field, DeploymentRequest d, IReadOnlyDictionary<Guid, string> credentialKinds)
    {
        var ruleErrors = new List<ConfigFieldError>();
        DeploymentRules.Validate(d.ProviderKind, d.UpstreamModel, d.BaseUrl, d.Weight, d.Settings, ruleErrors);
        errors.Add(field + ".", ruleErrors);
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
