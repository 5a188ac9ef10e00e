namespace Switchyard.Governance.External;

/// <summary>What an external guardrail answered: allow, block (with a detail that names no content), redactions, or a failed call.</summary>
public sealed record ExternalVerdict(ExternalVerdictKind Kind, string? Detail = null, IReadOnlyList<(string Text, string Replacement)>? Redactions = null)
{
    public static readonly ExternalVerdict Allow = new(ExternalVerdictKind.Allow);

    public static ExternalVerdict Block(string? detail) => new(ExternalVerdictKind.Block, detail);

    public static ExternalVerdict Redact(IReadOnlyList<(string Text, string Replacement)> redactions) => new(ExternalVerdictKind.Redact, Redactions: redactions);

    /// <param name="reason">Why the call failed (timeout, status, unreadable answer), for the log and the fail-closed error.</param>
    public static ExternalVerdict Failed(string reason) => new(ExternalVerdictKind.Failed, reason);
}
