namespace Switchyard.Governance.Streaming;

/// <summary>Why a guarded text was stopped: the rule (<c>banned_terms</c> or a DLP detector) and which term of the list, never the matched text.</summary>
public readonly record struct GuardViolation(string Rule, int TermIndex = -1);
