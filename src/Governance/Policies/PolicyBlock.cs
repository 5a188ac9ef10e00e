namespace Switchyard.Governance.Policies;

/// <summary>Why a policy refused a text: the policy, the rule (a guardrail's name or a DLP detector) and a detail that never quotes the text.</summary>
public sealed record PolicyBlock(string Policy, string Rule, string? Detail = null)
{
    /// <summary>The sentence an error answer carries.</summary>
    public string Message(bool output) =>
        $"The {(output ? "response" : "request")} was blocked by policy '{Policy}', rule '{Rule}'" + (Detail is null ? "." : $" ({Detail}).");
}
