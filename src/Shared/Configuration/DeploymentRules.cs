using Switchyard.Shared.Egress;

namespace Switchyard.Shared.Configuration;

/// <summary>
/// The rules a deployment must meet for a node to serve it: a known <see cref="ProviderKinds">provider kind</see>, an
/// upstream model, a weight, a base URL (or the kind's default) and only the settings its kind accepts
/// (<see cref="ProviderSettings"/>). The control plane refuses a deployment that breaks them; a node drops it from its route.
/// </summary>
public static class DeploymentRules
{
    public const int UpstreamModelMaxLength = 200;

    /// <summary>The largest weight: 32 deployments at this weight still sum well inside an int.</summary>
    public const int MaxWeight = 1_000_000;

    private static readonly Dictionary<string, string> EmptySettings = [];

    /// <summary>
    /// Adds an error for each deployment field that breaks the rules: <c>upstreamModel</c>, <c>weight</c>, <c>baseUrl</c>,
    /// <c>providerKind</c> and <c>settings.{name}</c>.
    /// </summary>
    public static void Validate(
        string? providerKind, string? upstreamModel, string? baseUrl, int weight, IReadOnlyDictionary<string, string>? settings,
        ICollection<ConfigFieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(upstreamModel))
        {
            errors.Add(new ConfigFieldError("upstreamModel", "The upstreamModel field is required."));
        }
        else if (upstreamModel.Length > UpstreamModelMaxLength)
        {
            errors.Add(new ConfigFieldError("upstreamModel", $"The upstreamModel field must be at most {UpstreamModelMaxLength} characters."));
        }

        if (weight is < 1 or > MaxWeight)
        {
            errors.Add(new ConfigFieldError("weight", $"The weight field must be between 1 and {MaxWeight}."));
        }

        if (!string.IsNullOrEmpty(baseUrl) && UpstreamBaseUrl.Validate(baseUrl) is { } urlError)
        {
            errors.Add(new ConfigFieldError("baseUrl", "The baseUrl field is invalid. " + urlError));
        }

        if (!ProviderKinds.IsKnown(providerKind))
        {
            errors.Add(new ConfigFieldError("providerKind", ProviderKinds.UnknownMessage));
            return;
        }

        foreach (var (name, value) in settings ?? EmptySettings)
        {
            // JSON can carry null values whatever the declared type says.
            if (value is null)
            {
                errors.Add(new ConfigFieldError($"settings.{name}", "A setting's value must be a string, not null."));
            }
            else if (ProviderSettings.Check(providerKind!, name, value) is { } message)
            {
                errors.Add(new ConfigFieldError($"settings.{name}", message));
            }
        }

        if (string.IsNullOrEmpty(baseUrl) && providerKind != ProviderKinds.Mock && ProviderKinds.DefaultBaseUrl(providerKind!, settings) is null)
        {
            errors.Add(providerKind == ProviderKinds.Bedrock
                ? new ConfigFieldError("settings.region", "A bedrock deployment needs a region setting (e.g. us-east-1) or a baseUrl.")
                : new ConfigFieldError("baseUrl", $"The baseUrl field is required for provider kind '{providerKind}' (it has no default)."));
        }
    }
}
