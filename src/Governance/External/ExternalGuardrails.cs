using Switchyard.Governance.Policies;
using Switchyard.Shared.Governance;

namespace Switchyard.Governance.External;

/// <summary>
/// Asks a text's external guardrails at once and reads their verdicts in policy order, for the request (the node's input
/// guard), the answer (its output guard) and the dry run alike: a block of a rule whose action is <c>block</c> is the
/// outcome's block; a failed call is recorded as <c>unchecked</c> (fail-open) or <c>unavailable</c> and, fail-closed, makes
/// the outcome unavailable; redactions of enforced rules are collected; a rule with the action <c>log</c> only records
/// what it would have done. Every verdict is recorded in <paramref name="findings"/> (never the text); where the text can no
/// longer be changed (<c>canRedact: false</c>, a stream already released) a redaction is recorded as <c>log</c>.
/// </summary>
public static class ExternalGuardrails
{
    public static async Task<ExternalOutcome> CheckAsync(
        ExternalGuardrailClient client,
        IReadOnlyList<CompiledGuardrail> rules,
        IReadOnlyList<string> texts,
        ExternalGuardrailContext context,
        Func<Guid, string?> secretOf,
        PolicyFindings findings,
        CancellationToken cancellationToken,
        bool canRedact = true)
    {
        var calls = new Task<ExternalVerdict>[rules.Count];
        for (var i = 0; i < calls.Length; i++)
        {
            var rule = rules[i];
            calls[i] = client.CheckAsync(rule, texts, context, rule.CredentialId is { } id ? secretOf(id) : null, cancellationToken);
        }

        await Task.WhenAll(calls);
        var output = context.Output;
        List<(string Text, string Replacement)>? redactions = null;
        var failures = new List<(CompiledGuardrail Rule, string Reason)>();
        for (var i = 0; i < calls.Length; i++)
        {
            var rule = rules[i];
            var verdict = calls[i].Result;
            var enforced = rule.Action == DlpActions.Block;
            switch (verdict.Kind)
            {
                case ExternalVerdictKind.Failed:
                    failures.Add((rule, verdict.Detail!));
                    findings.Add(rule.Policy, rule.Name, rule.FailOpen ? ExternalFindings.Unchecked : ExternalFindings.Unavailable, output);
                    if (!rule.FailOpen)
                    {
                        return new ExternalOutcome(null, new PolicyBlock(rule.Policy, rule.Name, verdict.Detail), null, failures);
                    }

                    break;
                case ExternalVerdictKind.Block:
                    findings.Add(rule.Policy, rule.Name, enforced ? DlpActions.Block : DlpActions.Log, output);
                    if (enforced)
                    {
                        return new ExternalOutcome(new PolicyBlock(rule.Policy, rule.Name, verdict.Detail), null, null, failures);
                    }

                    break;
                case ExternalVerdictKind.Redact:
                    findings.Add(rule.Policy, rule.Name, enforced && canRedact ? DlpActions.Redact : DlpActions.Log, output, verdict.Redactions!.Count);
                    if (enforced && canRedact)
                    {
                        (redactions ??= []).AddRange(verdict.Redactions);
                    }

                    break;
            }
        }

        return new ExternalOutcome(null, null, redactions, failures);
    }
}
