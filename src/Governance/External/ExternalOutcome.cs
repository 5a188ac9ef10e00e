namespace Switchyard.Governance.External;

/// <summary>
/// What the external guardrails of a text said together (<see cref="ExternalGuardrails.CheckAsync"/>): the first enforced
/// block, else the first fail-closed rule that could not be asked (<see cref="Unavailable"/>, its detail the reason), else
/// the redactions to apply; <see cref="Failures"/> lists every failed call (for the log), fail-open ones included.
/// </summary>
public sealed record ExternalOutcome(
    Policies.PolicyBlock? Block,
    Policies.PolicyBlock? Unavailable,
    IReadOnlyList<(string Text, string Replacement)>? Redactions,
    IReadOnlyList<(Policies.CompiledGuardrail Rule, string Reason)> Failures)
{
    /// <summary>The text with every redaction applied (each text replaced wherever it occurs).</summary>
    public string Redact(string text)
    {
        foreach (var (value, replacement) in Redactions ?? [])
        {
            text = text.Replace(value, replacement, StringComparison.Ordinal);
        }

        return text;
    }
}
