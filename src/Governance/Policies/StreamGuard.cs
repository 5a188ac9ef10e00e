using Switchyard.Governance.Streaming;
using Switchyard.Governance.Terms;

namespace Switchyard.Governance.Policies;

/// <summary>One streamed answer's guard (<see cref="StreamTextGuard"/>) and what it needs to name a violation's policy and rule.</summary>
public sealed class StreamGuard(StreamTextGuard guard, BannedTermMatcher? matcher, IReadOnlyList<CompiledGuardrail> terms, PolicySet set)
{
    /// <summary>Adds a chunk; returns the text that may be released now.</summary>
    public string Push(ReadOnlySpan<char> chunk) => guard.Push(chunk);

    /// <summary>The end of the answer: what is still held, checked.</summary>
    public string Complete() => guard.Complete();

    /// <summary>The violation that stopped the stream, named by policy and rule; null while none.</summary>
    public PolicyBlock? Violation => guard.Violation is not { } violation
        ? null
        : violation.Policy is { } policy ? new PolicyBlock(policy, violation.Rule, violation.Detail)
        : violation.Rule == StreamTextGuard.BannedTermsRule ? TermBlock(violation.TermIndex) : new PolicyBlock(set.PolicyOf(violation.Rule), violation.Rule, "sensitive data found");

    private PolicyBlock TermBlock(int termIndex)
    {
        // The guard's matcher holds every blocking term of every rule; find the rule that lists the term.
        var folded = matcher!.Term(new TermMatch(0, 0, termIndex));
        foreach (var rule in terms)
        {
            for (var i = 0; i < rule.Terms!.Count; i++)
            {
                if (NormalizedText.FoldTerm(rule.Terms[i]) == folded)
                {
                    return new PolicyBlock(rule.Policy, rule.Name, $"term #{i + 1}");
                }
            }
        }

        return new PolicyBlock(terms[0].Policy, terms[0].Name);
    }
}
