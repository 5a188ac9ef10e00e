namespace Switchyard.Governance.Terms;

/// <summary>A banned term found in a text: where in the original text, and which term of the list (never the matched text itself).</summary>
public readonly record struct TermMatch(int Index, int Length, int TermIndex);
