using System.Text.RegularExpressions;
using Switchyard.ControlPlane.Features.Providers;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Egress;

namespace Switchyard.ControlPlane.Features.Routes;

/// <summary>
/// Validates one <see cref="DeploymentRequest"/> of a route for its provider kind. Field names follow the JSON body
/// (deployments[0].baseUrl, deployments[0].settings.region, deployments[0].capabilities.contextWindow).
/// </summary>
public static partial class DeploymentValidator
{
    public const int UpstreamModelMaxLength = 200;

    /// <param name="credentialKinds">The provider kind of every credential of the tenant the route names, by id.</param>
    /// <param name="egressAllowed">
    /// What the egress policy allows beyond public addresses (the platform's list and this process's Egress settings): a
    /// base URL naming another non-public address literal, or localhost, is refused here rather than at the node.
    /// </param>
    public static void Validate(
        ValidationErrors errors, string field, DeploymentRequest d, IReadOnlyDictionary<Guid, string> credentialKinds, EgressAllowList egressAllowed)
    {
        errors.Required($"{field}.upstreamModel", d.UpstreamModel, UpstreamModelMaxLength);
        if (d.Weight < 1)
        {
            errors.Add($"{field}.weight", "The weight field must be at least 1.");
        }

        if (!string.IsNullOrEmpty(d.BaseUrl) && UpstreamBaseUrl.Validate(d.BaseUrl) is { } urlError)
        {
            errors.Add($"{field}.baseUrl", "The baseUrl field is invalid. " + urlError);
        }

        ValidateCapabilities(errors, $"{field}.capabilities", d.Capabilities);
        if (!ProviderKinds.All.Contains(d.ProviderKind))
        {
            errors.Add($"{field}.providerKind", $"The providerKind field must be one of: {string.Join(", ", ProviderKinds.All)}.");
            return;
        }

        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in d.Settings ?? new Dictionary<string, string>())
        {
            if (value is null)
            {
                errors.Add($"{field}.settings.{name}", "A setting's value must be a string, not null.");
            }
            else
            {
                settings[name] = value;
            }
        }

        ValidateKindSettings(errors, field, d.ProviderKind, settings);
        if (string.IsNullOrEmpty(d.BaseUrl) && d.ProviderKind != ProviderKinds.Mock && ProviderKinds.DefaultBaseUrl(d.ProviderKind, settings) is null)
        {
            if (d.ProviderKind == ProviderKinds.Bedrock)
            {
                errors.Add($"{field}.settings.region", "A bedrock deployment needs a region setting (e.g. us-east-1) or a baseUrl.");
            }
            else
            {
                errors.Add($"{field}.baseUrl", $"The baseUrl field is required for provider kind '{d.ProviderKind}' (it has no default).");
            }
        }

        ValidateDestination(errors, field, d, settings, egressAllowed);
        if (d.CredentialId is { } credentialId)
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

    private static void ValidateKindSettings(ValidationErrors errors, string field, string kind, IReadOnlyDictionary<string, string> settings)
    {
        if (kind == ProviderKinds.Bedrock && settings.TryGetValue("region", out var region) && !AwsRegion().IsMatch(region))
        {
            errors.Add($"{field}.settings.region", "The region setting must be an AWS region such as us-east-1.");
        }

        if (kind == ProviderKinds.AzureOpenAI)
        {
            if (settings.TryGetValue("apiVersion", out var apiVersion) && !AzureApiVersion().IsMatch(apiVersion))
            {
                errors.Add($"{field}.settings.apiVersion", "The apiVersion setting must be 'v1' or a date version such as 2024-10-21 or 2025-04-01-preview.");
            }

            if (settings.TryGetValue("deployment", out var deployment) && !AzureDeploymentName().IsMatch(deployment))
            {
                errors.Add($"{field}.settings.deployment",
                    "The deployment setting must be an Azure deployment name (1-64 letters, digits, '.', '_' or '-').");
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

    /// <summary>The base URL the node would use (given or the kind's default) must not name a destination the policy forbids.</summary>
    private static void ValidateDestination(
        ValidationErrors errors, string field, DeploymentRequest d, IReadOnlyDictionary<string, string> settings, EgressAllowList egressAllowed)
    {
        var given = !string.IsNullOrEmpty(d.BaseUrl);
        var effective = given ? d.BaseUrl : ProviderKinds.DefaultBaseUrl(d.ProviderKind, settings);
        if (UpstreamBaseUrl.Validate(effective, out var url) is not null || EgressPolicy.LiteralDenyReason(url!, egressAllowed) is not { } reason)
        {
            return;
        }

        errors.Add($"{field}.baseUrl", given
            ? $"The baseUrl field names a destination the platform's egress policy does not allow: {reason}. A platform admin can allow it (PUT /api/platform/egress)."
            : $"The default base URL of provider kind '{d.ProviderKind}' ({effective}) is a destination the platform's egress policy does not allow: {reason}. Give a baseUrl, or ask a platform admin to allow it (PUT /api/platform/egress).");
    }

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$")]
    private static partial Regex AwsRegion();

    [GeneratedRegex("^(v1|[0-9]{4}-[0-9]{2}-[0-9]{2}(-preview)?)$")]
    private static partial Regex AzureApiVersion();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex AzureDeploymentName();
}
