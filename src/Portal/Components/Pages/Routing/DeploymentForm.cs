using Switchyard.Portal.Components.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.Portal.Components.Pages.Routing;

/// <summary>One deployment as the route editor edits it; settings and a capabilities override are kept as stored.</summary>
public sealed class DeploymentForm
{
    public string ProviderKind { get; set; } = ProviderKinds.Mock;

    public string UpstreamModel { get; set; } = string.Empty;

    public string? BaseUrl { get; set; }

    public Guid? CredentialId { get; set; }

    public int Weight { get; set; } = 1;

    public int Priority { get; set; }

    public decimal? InputPricePerMTok { get; set; }

    public decimal? OutputPricePerMTok { get; set; }

    public int? HealthCheckIntervalSeconds { get; set; }

    /// <summary>The kind's settings (<see cref="ProviderSettings.Names"/>) by name; an empty value is not sent.</summary>
    public Dictionary<string, string> Settings { get; } = new(StringComparer.Ordinal);

    public ModelCapabilities? Capabilities { get; init; }

    public static DeploymentForm From(DeploymentDto d)
    {
        var form = new DeploymentForm
        {
            ProviderKind = d.ProviderKind,
            UpstreamModel = d.UpstreamModel,
            BaseUrl = d.BaseUrl,
            CredentialId = d.CredentialId,
            Weight = d.Weight,
            Priority = d.Priority,
            InputPricePerMTok = d.InputPricePerMTok,
            OutputPricePerMTok = d.OutputPricePerMTok,
            HealthCheckIntervalSeconds = d.HealthCheckIntervalSeconds,
            Capabilities = d.Capabilities,
        };
        foreach (var (name, value) in d.Settings)
        {
            form.Settings[name] = value;
        }

        return form;
    }

    public DeploymentRequest ToRequest() => new(
        ProviderKind,
        UpstreamModel.Trim(),
        string.IsNullOrWhiteSpace(BaseUrl) ? null : BaseUrl.Trim(),
        CredentialId,
        Weight,
        RequestSettings(),
        Capabilities,
        Priority,
        InputPricePerMTok,
        OutputPricePerMTok,
        HealthCheckIntervalSeconds);

    /// <summary>The non-empty settings the current kind accepts (a setting of a kind chosen before is left out); null when none.</summary>
    private Dictionary<string, string>? RequestSettings()
    {
        var accepted = ProviderSettings.Names(ProviderKind);
        var settings = Settings
            .Where(s => !string.IsNullOrWhiteSpace(s.Value) && accepted.Contains(s.Key, StringComparer.Ordinal))
            .ToDictionary(s => s.Key, s => s.Value.Trim(), StringComparer.Ordinal);
        return settings.Count > 0 ? settings : null;
    }

    /// <summary>The checks the control plane applies without the database (its credential and egress checks stay server-side).</summary>
    public void Validate(string prefix, FieldErrors errors)
    {
        var request = ToRequest();
        var ruleErrors = new List<ConfigFieldError>();
        DeploymentRules.Validate(request.ProviderKind, request.UpstreamModel, request.BaseUrl, request.Weight, request.Settings, ruleErrors);
        RouteResilienceRules.ValidateDeployment(
            request.Priority, request.InputPricePerMTok, request.OutputPricePerMTok, request.HealthCheckIntervalSeconds, ruleErrors);
        errors.Add(prefix, ruleErrors);
    }
}
