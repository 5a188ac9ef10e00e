namespace Switchyard.Shared.Governance;

/// <summary>
/// One guardrail of a policy (<see cref="GuardrailTypes"/>): <c>banned_terms</c> (<paramref name="Terms"/>), <c>regex</c>
/// (<paramref name="Pattern"/>), <c>max_input_tokens</c> (<paramref name="MaxTokens"/>), <c>prompt_injection</c>
/// (<paramref name="Threshold"/>, 0–1, default 0.5) and <c>json_output</c>.
/// </summary>
/// <param name="Action"><c>block</c> or <c>log</c>; <c>redact</c> too for banned_terms and regex.</param>
/// <param name="Name">Names the rule in errors and findings (default: its type).</param>
/// <param name="Applies"><c>input</c>, <c>output</c> or <c>both</c> (<see cref="GuardrailTypes.DefaultApplies"/> when null).</param>
public sealed record GuardrailRule(
    string Type,
    string Action = DlpActions.Block,
    string? Name = null,
    IReadOnlyList<string>? Terms = null,
    string? Pattern = null,
    int? MaxTokens = null,
    double? Threshold = null,
    string? Applies = null);
