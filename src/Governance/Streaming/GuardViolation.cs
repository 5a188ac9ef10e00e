namespace Switchyard.Governance.Streaming;

/// <summary>
/// Why a guarded text was stopped: the rule (<c>banned_terms</c>, a DLP detector or a guardrail's name), which term of the
/// list, for a guardrail its policy, and a detail that does not quote the text (a prompt-injection heuristic and score).
/// </summary>
public readonly record struct GuardViolation(string Rule, int TermIndex = -1, string? Policy = null, string? Detail = null);
