namespace Switchyard.Governance.Policies;

/// <summary>The finding actions of an external guardrail that could not be asked (timeout, error, unreadable answer).</summary>
public static class ExternalFindings
{
    /// <summary>The rule fails open: the request went on unchecked.</summary>
    public const string Unchecked = "unchecked";

    /// <summary>The rule fails closed: the request was refused.</summary>
    public const string Unavailable = "unavailable";
}
