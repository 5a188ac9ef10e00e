using Switchyard.Shared.Governance;

namespace Switchyard.Governance.Policies;

/// <summary>When several policies act on the same finding, the strictest action wins: block, redact, pseudonymize, mask, log.</summary>
public static class PolicyActions
{
    public static int Strictness(string action) => action switch
    {
        DlpActions.Block => 4,
        DlpActions.Redact => 3,
        DlpActions.Pseudonymize => 2,
        DlpActions.Mask => 1,
        _ => 0,
    };

    public static string Stricter(string a, string b) => Strictness(b) > Strictness(a) ? b : a;

    /// <summary>The action on the answer: placeholders are only made for what the caller sent, so a value the model writes is redacted instead.</summary>
    public static string ForOutput(string action) => action == DlpActions.Pseudonymize ? DlpActions.Redact : action;
}
