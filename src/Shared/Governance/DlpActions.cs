namespace Switchyard.Shared.Governance;

/// <summary>What a policy does with a DLP finding or a guardrail match.</summary>
public static class DlpActions
{
    /// <summary>Refuse the request (or stop the stream) before the text goes further.</summary>
    public const string Block = "block";

    /// <summary>Replace the value with its label: <c>[EMAIL]</c>.</summary>
    public const string Redact = "redact";

    /// <summary>Hide most of the value: <c>j***@example.com</c>, <c>************4242</c>.</summary>
    public const string Mask = "mask";

    /// <summary>Replace with a stable placeholder (<c>&lt;EMAIL_1&gt;</c>) before the provider sees it, restored in the answer.</summary>
    public const string Pseudonymize = "pseudonymize";

    /// <summary>Allow and record the finding.</summary>
    public const string Log = "log";

    public static readonly IReadOnlyList<string> All = [Block, Redact, Mask, Pseudonymize, Log];
}
