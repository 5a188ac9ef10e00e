namespace Switchyard.Shared.Governance;

/// <summary>The built-in guardrail types a policy can name (<c>{"type":"banned_terms"}</c>).</summary>
public static class GuardrailTypes
{
    public const string BannedTerms = "banned_terms";
    public const string Regex = "regex";
    public const string MaxInputTokens = "max_input_tokens";
    public const string PromptInjection = "prompt_injection";
    public const string JsonOutput = "json_output";

    /// <summary>An external HTTP guardrail: the node POSTs the request's texts to a URL and gets back allow, block or redactions.</summary>
    public const string Http = "http";

    /// <summary>A provider's moderation endpoint (OpenAI-compatible <c>/v1/moderations</c>), called with one of the tenant's credentials.</summary>
    public const string Moderation = "moderation";

    /// <summary>An external guardrail that fails (timeout, error, unreadable answer) lets the request through.</summary>
    public const string FailOpen = "open";

    /// <summary>An external guardrail that fails refuses the request (the default).</summary>
    public const string FailClosed = "closed";

    public const string Input = "input";
    public const string Output = "output";
    public const string Both = "both";

    public static readonly IReadOnlyList<string> All = [BannedTerms, Regex, MaxInputTokens, PromptInjection, JsonOutput, Http, Moderation];

    /// <summary>True for the guardrails that call out of the node (each with a timeout and a fail mode).</summary>
    public static bool IsExternal(string type) => type is Http or Moderation;

    /// <summary>
    /// Where a rule applies when the policy does not say: input for token limits, prompt injection and external guardrails
    /// (the last three may also be set to <c>output</c> or <c>both</c>; token limits are input only), output only for JSON
    /// validity, both otherwise.
    /// </summary>
    public static string DefaultApplies(string type) => type switch
    {
        MaxInputTokens or PromptInjection or Http or Moderation => Input,
        JsonOutput => Output,
        _ => Both,
    };
}
