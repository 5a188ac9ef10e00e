namespace Switchyard.Shared.Governance;

/// <summary>The built-in guardrail types a policy can name (<c>{"type":"banned_terms"}</c>).</summary>
public static class GuardrailTypes
{
    public const string BannedTerms = "banned_terms";
    public const string Regex = "regex";
    public const string MaxInputTokens = "max_input_tokens";
    public const string PromptInjection = "prompt_injection";
    public const string JsonOutput = "json_output";

    public const string Input = "input";
    public const string Output = "output";
    public const string Both = "both";

    public static readonly IReadOnlyList<string> All = [BannedTerms, Regex, MaxInputTokens, PromptInjection, JsonOutput];

    /// <summary>Where a rule applies when the policy does not say: input only for token limits and prompt injection, output only for JSON validity, both otherwise.</summary>
    public static string DefaultApplies(string type) => type switch
    {
        MaxInputTokens or PromptInjection => Input,
        JsonOutput => Output,
        _ => Both,
    };
}
