namespace Switchyard.Shared.Governance;

/// <summary>
/// One guardrail of a policy (<see cref="GuardrailTypes"/>): <c>banned_terms</c> (<paramref name="Terms"/>), <c>regex</c>
/// (<paramref name="Pattern"/>), <c>max_input_tokens</c> (<paramref name="MaxTokens"/>), <c>prompt_injection</c>
/// (<paramref name="Threshold"/>, 0–1, default 0.5), <c>json_output</c>, and the external ones: <c>http</c>
/// (<paramref name="Url"/>) and <c>moderation</c> (<paramref name="CredentialId"/>, optional <paramref name="Url"/>,
/// <paramref name="Model"/> and <paramref name="Threshold"/>).
/// </summary>
/// <param name="Action"><c>block</c> or <c>log</c>; <c>redact</c> too for banned_terms and regex.</param>
/// <param name="Name">Names the rule in errors and findings (default: its type).</param>
/// <param name="Applies"><c>input</c>, <c>output</c> or <c>both</c> (<see cref="GuardrailTypes.DefaultApplies"/> when null).</param>
/// <param name="Url">Where an external guardrail is called (for moderation, default <c>https://api.openai.com/v1/moderations</c>).</param>
/// <param name="TimeoutMs">How long an external guardrail may take (default 2000 ms).</param>
/// <param name="FailMode"><c>closed</c> (default: a failed call refuses the request) or <c>open</c> (it lets it through).</param>
/// <param name="CredentialId">The tenant's provider credential a moderation guardrail authenticates with.</param>
/// <param name="Model">The moderation model (the endpoint's default when null).</param>
public sealed record GuardrailRule(
    string Type,
    string Action = DlpActions.Block,
    string? Name = null,
    IReadOnlyList<string>? Terms = null,
    string? Pattern = null,
    int? MaxTokens = null,
    double? Threshold = null,
    string? Applies = null,
    string? Url = null,
    int? TimeoutMs = null,
    string? FailMode = null,
    Guid? CredentialId = null,
    string? Model = null);
