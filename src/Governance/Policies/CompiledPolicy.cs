using System.Text.RegularExpressions;
using Switchyard.Governance.Dlp;
using Switchyard.Governance.Terms;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Governance;

namespace Switchyard.Governance.Policies;

/// <summary>A policy compiled once per snapshot: its DLP actions by detector, custom detectors, guardrails and use cases.</summary>
public sealed class CompiledPolicy
{
    private CompiledPolicy(PolicySnapshot snapshot, Dictionary<string, string> dlp, List<DlpCustomRule> custom, List<CompiledGuardrail> guardrails)
    {
        Id = snapshot.Id;
        TenantId = snapshot.TenantId;
        Name = snapshot.Name;
        DlpActionsByDetector = dlp;
        CustomDetectors = custom;
        Guardrails = guardrails;
        UseCases = snapshot.UseCases;
        StreamHoldBack = snapshot.StreamHoldBack;
        Regions = snapshot.Regions;
    }

    /// <summary>Where a moderation guardrail without a url is sent.</summary>
    public const string DefaultModerationUrl = "https://api.openai.com/v1/moderations";

    /// <summary>Regions requests may be served in; null: any.</summary>
    public IReadOnlyList<string>? Regions { get; }

    public Guid Id { get; }

    public Guid TenantId { get; }

    public string Name { get; }

    /// <summary>Detector (built-in or <c>custom:NAME</c>) → action.</summary>
    public IReadOnlyDictionary<string, string> DlpActionsByDetector { get; }

    public IReadOnlyList<DlpCustomRule> CustomDetectors { get; }

    public IReadOnlyList<CompiledGuardrail> Guardrails { get; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>>? UseCases { get; }

    public int? StreamHoldBack { get; }

    /// <summary>Compiles a policy, or returns null and the reasons when it breaks <see cref="PolicyValidator"/>'s rules.</summary>
    public static CompiledPolicy? TryCompile(PolicySnapshot snapshot, out IReadOnlyList<ConfigFieldError> errors)
    {
        var found = new List<ConfigFieldError>();
        PolicyValidator.Validate(snapshot.Name, snapshot.Dlp, snapshot.Guardrails, snapshot.UseCases, snapshot.StreamHoldBack, found);
        PolicyValidator.ValidateRegions(snapshot.Regions, found);
        errors = found;
        if (found.Count > 0)
        {
            return null;
        }

        var dlp = new Dictionary<string, string>(StringComparer.Ordinal);
        var custom = new List<DlpCustomRule>();
        foreach (var rule in snapshot.Dlp)
        {
            var detector = rule.Detector;
            if (detector == DlpRule.Custom)
            {
                var compiled = DlpCustomRule.TryCreate(rule.Name!, rule.Pattern!, out _)!;
                custom.Add(compiled);
                detector = compiled.Name;
            }

            dlp[detector] = dlp.TryGetValue(detector, out var existing) ? PolicyActions.Stricter(existing, rule.Action) : rule.Action;
        }

        var guardrails = new List<CompiledGuardrail>();
        foreach (var rule in snapshot.Guardrails)
        {
            var applies = rule.Applies ?? GuardrailTypes.DefaultApplies(rule.Type);
            var input = applies is GuardrailTypes.Input or GuardrailTypes.Both;
            var output = applies is GuardrailTypes.Output or GuardrailTypes.Both;
            var name = rule.Name ?? rule.Type;
            guardrails.Add(rule.Type switch
            {
                GuardrailTypes.BannedTerms => new CompiledGuardrail(snapshot.Name, name, rule.Type, rule.Action, input, output, rule.Terms, new BannedTermMatcher(rule.Terms!)),
                GuardrailTypes.Regex => new CompiledGuardrail(snapshot.Name, name, rule.Type, rule.Action, input, output,
                    Pattern: new Regex(rule.Pattern!, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, DlpCustomRule.MatchTimeout)),
                GuardrailTypes.MaxInputTokens => new CompiledGuardrail(snapshot.Name, name, rule.Type, rule.Action, input, output, MaxTokens: rule.MaxTokens!.Value),
                GuardrailTypes.PromptInjection => new CompiledGuardrail(snapshot.Name, name, rule.Type, rule.Action, input, output,
                    Threshold: rule.Threshold ?? PromptInjectionRules.DefaultThreshold),
                GuardrailTypes.Http or GuardrailTypes.Moderation => new CompiledGuardrail(snapshot.Name, name, rule.Type, rule.Action, input, output,
                    Threshold: rule.Threshold ?? 0,
                    Url: new Uri(rule.Url ?? DefaultModerationUrl),
                    Timeout: TimeSpan.FromMilliseconds(rule.TimeoutMs ?? PolicyValidator.DefaultCalloutTimeoutMs),
                    FailOpen: rule.FailMode == GuardrailTypes.FailOpen,
                    CredentialId: rule.CredentialId,
                    Model: rule.Model),
                _ => new CompiledGuardrail(snapshot.Name, name, rule.Type, rule.Action, input, output),
            });
        }

        return new CompiledPolicy(snapshot, dlp, custom, guardrails);
    }
}
