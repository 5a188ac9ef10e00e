using Switchyard.Governance.Dlp;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Governance;

namespace Switchyard.Governance.Policies;

/// <summary>
/// The rules a policy must meet for a node to enforce it, shared by the admin API (which refuses a policy that breaks
/// them, naming the field: <c>dlp[0].detector</c>, <c>guardrails[1].pattern</c>) and the nodes (which compile only a valid policy).
/// </summary>
public static class PolicyValidator
{
    public const int NameMaxLength = 100;
    public const int MaxRules = 100;
    public const int MaxTerms = 5000;
    public const int MaxTermLength = 200;
    public const int MaxUseCases = 100;
    public const int MaxHoldBack = 4096;
    public const int MaxUrlLength = 2000;
    public const int MaxModelLength = 100;
    public const int MinCalloutTimeoutMs = 50;
    public const int MaxCalloutTimeoutMs = 10_000;
    public const int DefaultCalloutTimeoutMs = 2000;

    public static void Validate(
        string? name,
        IReadOnlyList<DlpRule>? dlp,
        IReadOnlyList<GuardrailRule>? guardrails,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? useCases,
        int? streamHoldBack,
        ICollection<ConfigFieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(new("name", "The name field is required."));
        }
        else if (name.Length > NameMaxLength)
        {
            errors.Add(new("name", $"The name field must be at most {NameMaxLength} characters."));
        }

        if (dlp is { Count: > MaxRules } || guardrails is { Count: > MaxRules })
        {
            errors.Add(new(dlp is { Count: > MaxRules } ? "dlp" : "guardrails", $"A policy can have at most {MaxRules} rules of each kind."));
            return;
        }

        for (var i = 0; i < (dlp?.Count ?? 0); i++)
        {
            ValidateDlp(dlp![i], $"dlp[{i}]", errors);
        }

        for (var i = 0; i < (guardrails?.Count ?? 0); i++)
        {
            ValidateGuardrail(guardrails![i], $"guardrails[{i}]", errors);
        }

        if (useCases is not null)
        {
            if (useCases.Count > MaxUseCases)
            {
                errors.Add(new("useCases", $"A policy can name at most {MaxUseCases} use cases."));
            }

            foreach (var (useCase, models) in useCases)
            {
                if (!PolicyNames.IsIdentifier(useCase))
                {
                    errors.Add(new($"useCases.{useCase}", "A use case is 1–64 characters: lowercase letters, digits, '-', '_' and '.'."));
                }
                else if (models is null || models.Any(string.IsNullOrWhiteSpace))
                {
                    errors.Add(new($"useCases.{useCase}", "A use case maps to a list of public model names (none empty)."));
                }
            }
        }

        if (streamHoldBack is < 0 or > MaxHoldBack)
        {
            errors.Add(new("streamHoldBack", $"The streamHoldBack field must be between 0 and {MaxHoldBack} characters."));
        }
    }

    /// <summary>Each region is an identifier (<c>eu-west</c>, <c>us</c>): lowercase letters, digits, '-', '_', '.'.</summary>
    public static void ValidateRegions(IReadOnlyList<string>? regions, ICollection<ConfigFieldError> errors)
    {
        for (var i = 0; i < (regions?.Count ?? 0); i++)
        {
            if (!PolicyNames.IsIdentifier(regions![i]))
            {
                errors.Add(new($"regions[{i}]", "A region is 1–64 characters: lowercase letters, digits, '-', '_' and '.'."));
            }
        }
    }

    private static void ValidateDlp(DlpRule? rule, string at, ICollection<ConfigFieldError> errors)
    {
        if (rule is null)
        {
            errors.Add(new(at, "A DLP rule is an object with a detector and an action."));
            return;
        }

        if (!DlpActions.All.Contains(rule.Action))
        {
            errors.Add(new($"{at}.action", $"The action field must be one of: {string.Join(", ", DlpActions.All)}."));
        }

        if (rule.Detector == DlpRule.Custom)
        {
            if (!PolicyNames.IsIdentifier(rule.Name))
            {
                errors.Add(new($"{at}.name", "A custom detector needs a name: 1–64 characters, lowercase letters, digits, '-', '_' and '.'."));
            }

            if (DlpCustomRule.TryCreate(rule.Name ?? "custom", rule.Pattern ?? "", out var error) is null)
            {
                errors.Add(new($"{at}.pattern", error!));
            }
        }
        else if (!DlpDetectors.All.Contains(rule.Detector))
        {
            errors.Add(new($"{at}.detector", $"The detector field must be one of: {string.Join(", ", DlpDetectors.All)}, {DlpRule.Custom}."));
        }
    }

    private static void ValidateGuardrail(GuardrailRule? rule, string at, ICollection<ConfigFieldError> errors)
    {
        if (rule is null)
        {
            errors.Add(new(at, "A guardrail is an object with a type and an action."));
            return;
        }

        if (!GuardrailTypes.All.Contains(rule.Type))
        {
            errors.Add(new($"{at}.type", $"The type field must be one of: {string.Join(", ", GuardrailTypes.All)}."));
            return;
        }

        var redactable = rule.Type is GuardrailTypes.BannedTerms or GuardrailTypes.Regex;
        if (rule.Action is not (DlpActions.Block or DlpActions.Log) && !(redactable && rule.Action == DlpActions.Redact))
        {
            errors.Add(new($"{at}.action", redactable ? "The action field must be one of: block, redact, log." : "The action field must be one of: block, log."));
        }

        if (rule.Name is not null && !PolicyNames.IsIdentifier(rule.Name))
        {
            errors.Add(new($"{at}.name", "A rule name is 1–64 characters: lowercase letters, digits, '-', '_' and '.'."));
        }

        if (rule.Applies is not null and not (GuardrailTypes.Input or GuardrailTypes.Output or GuardrailTypes.Both))
        {
            errors.Add(new($"{at}.applies", "The applies field must be one of: input, output, both."));
        }
        else if ((rule.Applies ?? GuardrailTypes.DefaultApplies(rule.Type)) != GuardrailTypes.DefaultApplies(rule.Type)
            && rule.Type is GuardrailTypes.MaxInputTokens or GuardrailTypes.JsonOutput)
        {
            errors.Add(new($"{at}.applies", $"A {rule.Type} rule applies to {GuardrailTypes.DefaultApplies(rule.Type)} only."));
        }

        switch (rule.Type)
        {
            case GuardrailTypes.BannedTerms:
                if (rule.Terms is not { Count: > 0 } terms || terms.Count > MaxTerms)
                {
                    errors.Add(new($"{at}.terms", $"A banned_terms rule needs 1–{MaxTerms} terms."));
                }
                else if (terms.Any(t => string.IsNullOrWhiteSpace(t) || t.Length > MaxTermLength))
                {
                    errors.Add(new($"{at}.terms", $"Each term is 1–{MaxTermLength} characters and not blank."));
                }

                break;
            case GuardrailTypes.Regex:
                if (DlpCustomRule.TryCreate("regex", rule.Pattern ?? "", out var error) is null)
                {
                    errors.Add(new($"{at}.pattern", error!));
                }

                break;
            case GuardrailTypes.MaxInputTokens:
                if (rule.MaxTokens is not > 0)
                {
                    errors.Add(new($"{at}.maxTokens", "A max_input_tokens rule needs maxTokens, a positive number."));
                }

                break;
            case GuardrailTypes.PromptInjection:
                ValidateThreshold(rule, at, errors);
                break;
            case GuardrailTypes.Http:
                ValidateUrl(rule.Url, required: true, at, errors);
                ValidateCallout(rule, at, errors);
                break;
            case GuardrailTypes.Moderation:
                if (rule.CredentialId is null || rule.CredentialId == Guid.Empty)
                {
                    errors.Add(new($"{at}.credentialId", "A moderation rule needs credentialId: one of the tenant's provider credentials."));
                }

                if (rule.Model is { } model && (string.IsNullOrWhiteSpace(model) || model.Length > MaxModelLength))
                {
                    errors.Add(new($"{at}.model", $"The model field is 1–{MaxModelLength} characters."));
                }

                ValidateUrl(rule.Url, required: false, at, errors);
                ValidateThreshold(rule, at, errors);
                ValidateCallout(rule, at, errors);
                break;
        }
    }

    private static void ValidateThreshold(GuardrailRule rule, string at, ICollection<ConfigFieldError> errors)
    {
        if (rule.Threshold is < 0 or > 1 || rule.Threshold is double.NaN)
        {
            errors.Add(new($"{at}.threshold", "The threshold field must be between 0 and 1."));
        }
    }

    private static void ValidateUrl(string? url, bool required, string at, ICollection<ConfigFieldError> errors)
    {
        if (url is null && !required)
        {
            return;
        }

        if (url is null || url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https") || uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            errors.Add(new($"{at}.url", "The url field must be an absolute http or https URL without credentials or fragment (at most 2,000 characters)."));
        }
    }

    private static void ValidateCallout(GuardrailRule rule, string at, ICollection<ConfigFieldError> errors)
    {
        if (rule.TimeoutMs is < MinCalloutTimeoutMs or > MaxCalloutTimeoutMs)
        {
            errors.Add(new($"{at}.timeoutMs", $"The timeoutMs field must be between {MinCalloutTimeoutMs} and {MaxCalloutTimeoutMs}."));
        }

        if (rule.FailMode is not (null or GuardrailTypes.FailOpen or GuardrailTypes.FailClosed))
        {
            errors.Add(new($"{at}.failMode", "The failMode field must be open or closed."));
        }
    }
}
