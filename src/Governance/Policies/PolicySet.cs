using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Switchyard.Governance.Dlp;
using Switchyard.Governance.Streaming;
using Switchyard.Governance.Terms;
using Switchyard.Shared.Governance;

namespace Switchyard.Governance.Policies;

/// <summary>
/// Every policy that applies to a request (the tenant's default, the team's, the key's), merged once: one DLP scanner for
/// all enabled detectors with the strictest action per detector, and every guardrail in order. Immutable and
/// thread-safe; cached per key for a snapshot, so a request pays only for the scanning.
/// </summary>
public sealed class PolicySet
{
    public const string RedactedTerm = "[REDACTED]";

    private readonly Dictionary<string, (string Action, string Policy)> _dlp = new(StringComparer.Ordinal);
    private readonly DlpScanner? _scanner;
    private readonly CompiledGuardrail[] _input;
    private readonly CompiledGuardrail[] _output;
    private readonly CompiledGuardrail[] _blockingTerms;
    private readonly BannedTermMatcher? _blockingTermMatcher;
    private readonly CompiledGuardrail[] _streamRules;

    public PolicySet(IReadOnlyList<CompiledPolicy> policies)
    {
        Policies = policies;
        var custom = new List<DlpCustomRule>();
        foreach (var policy in policies)
        {
            foreach (var (detector, action) in policy.DlpActionsByDetector)
            {
                if (!_dlp.TryGetValue(detector, out var existing) || PolicyActions.Strictness(action) > PolicyActions.Strictness(existing.Action))
                {
                    _dlp[detector] = (action, policy.Name);
                }
            }

            custom.AddRange(policy.CustomDetectors.Where(c => !custom.Any(o => o.Name == c.Name)));
        }

        _scanner = _dlp.Count == 0 ? null : new DlpScanner(_dlp.Keys, custom);
        _input = [.. policies.SelectMany(p => p.Guardrails).Where(g => g.Input && g.Type != GuardrailTypes.MaxInputTokens && !GuardrailTypes.IsExternal(g.Type))];
        ExternalInput = [.. policies.SelectMany(p => p.Guardrails).Where(g => g.Input && GuardrailTypes.IsExternal(g.Type))];
        ExternalOutput = [.. policies.SelectMany(p => p.Guardrails).Where(g => g.Output && GuardrailTypes.IsExternal(g.Type))];
        _output = [.. policies.SelectMany(p => p.Guardrails).Where(g => g.Output && g.Type != GuardrailTypes.JsonOutput && !GuardrailTypes.IsExternal(g.Type))];
        _blockingTerms = [.. _output.Where(g => g.Type == GuardrailTypes.BannedTerms && g.Action == DlpActions.Block)];
        _blockingTermMatcher = _blockingTerms.Length == 0 ? null : new BannedTermMatcher(_blockingTerms.SelectMany(g => g.Terms!));
        _streamRules = [.. _output.Where(g => (g.Type == GuardrailTypes.BannedTerms && g.Action != DlpActions.Block) || g.Type is GuardrailTypes.Regex or GuardrailTypes.PromptInjection)];
        MaxInputTokens = [.. policies.SelectMany(p => p.Guardrails).Where(g => g.Type == GuardrailTypes.MaxInputTokens)];
        JsonOutput = [.. policies.SelectMany(p => p.Guardrails).Where(g => g.Type == GuardrailTypes.JsonOutput)];
        Pseudonymizes = _dlp.Values.Any(d => d.Action == DlpActions.Pseudonymize);
        GuardsOutput = _scanner is not null || _output.Length > 0 || JsonOutput.Count > 0 || ExternalOutput.Count > 0;
        HoldBack = policies.Max(p => p.StreamHoldBack) ?? 0;
        var withRegions = policies.Where(p => p.Regions is not null).ToList();
        if (withRegions.Count > 0)
        {
            // Every policy's requirement holds: a deployment must be in a region each of them allows.
            Regions = withRegions.Skip(1).Aggregate(withRegions[0].Regions!.ToHashSet(StringComparer.Ordinal),
                (set, p) => { set.IntersectWith(p.Regions!); return set; });
            RegionPolicy = withRegions[0].Name;
        }
    }

    /// <summary>The regions a deployment must be in to serve the request; null: any.</summary>
    public IReadOnlySet<string>? Regions { get; }

    /// <summary>The (first) policy that requires regions, for naming it in an error.</summary>
    public string? RegionPolicy { get; }

    /// <summary>True when a deployment in <paramref name="region"/> may serve the request.</summary>
    public bool AllowsRegion(string? region) => Regions is null || (region is not null && Regions.Contains(region));

    public IReadOnlyList<CompiledPolicy> Policies { get; }

    /// <summary>Some rule looks at the answer (DLP applies both ways), so the answer must go through the guard.</summary>
    public bool GuardsOutput { get; }

    /// <summary>Some DLP rule replaces values with placeholders that the answer must have restored.</summary>
    public bool Pseudonymizes { get; }

    /// <summary>The largest hold-back window a policy asks for (0: the node's default).</summary>
    public int HoldBack { get; }

    public IReadOnlyList<CompiledGuardrail> MaxInputTokens { get; }

    public IReadOnlyList<CompiledGuardrail> JsonOutput { get; }

    /// <summary>The <c>http</c> and <c>moderation</c> guardrails on the request: called by the node after the built-in rules.</summary>
    public IReadOnlyList<CompiledGuardrail> ExternalInput { get; }

    /// <summary>
    /// The <c>http</c> and <c>moderation</c> guardrails on the answer: a whole answer is checked before it is returned, a
    /// streamed one when each choice finishes (the guard can then only end the stream with the error event).
    /// </summary>
    public IReadOnlyList<CompiledGuardrail> ExternalOutput { get; }

    /// <summary>
    /// The use-case rule a request breaks: every policy that maps use cases must list the key's use case with the
    /// model among its models (a key without a use case breaks such a policy); null when allowed.
    /// </summary>
    public PolicyBlock? CheckUseCase(string? useCase, string model)
    {
        foreach (var policy in Policies)
        {
            if (policy.UseCases is not { } map)
            {
                continue;
            }

            if (useCase is null || !map.TryGetValue(useCase, out var models) || !models.Contains(model, StringComparer.Ordinal))
            {
                return new PolicyBlock(policy.Name, "use_cases", useCase is null
                    ? $"a key without a use case may not call model '{model}'"
                    : $"use case '{useCase}' may not call model '{model}'");
            }
        }

        return null;
    }

    /// <summary>Checks the estimated input size against the max_input_tokens rules (block or log).</summary>
    public void CheckInputTokens(int estimatedTokens, PolicyFindings findings)
    {
        foreach (var rule in MaxInputTokens)
        {
            if (estimatedTokens > rule.MaxTokens)
            {
                findings.Add(rule.Policy, rule.Name, rule.Action, output: false);
                if (rule.Action == DlpActions.Block)
                {
                    findings.Blocked(new PolicyBlock(rule.Policy, rule.Name, $"about {estimatedTokens} input tokens, at most {rule.MaxTokens} allowed"), output: false);
                }
            }
        }
    }

    /// <summary>
    /// Checks an answer that was asked to be JSON against the json_output rules (block or log): it must parse, and match
    /// <paramref name="schema"/> when the request gave one (<see cref="JsonOutputCheck"/>).
    /// </summary>
    public void CheckJsonOutput(string text, PolicyFindings findings, JsonElement? schema = null)
    {
        if (JsonOutput.Count == 0 || JsonOutputCheck.Problem(text, schema) is not { } problem)
        {
            return;
        }

        foreach (var rule in JsonOutput)
        {
            findings.Add(rule.Policy, rule.Name, rule.Action, output: true);
            if (rule.Action == DlpActions.Block)
            {
                findings.Blocked(new PolicyBlock(rule.Policy, rule.Name, problem), output: true);
            }
        }
    }

    /// <summary>
    /// Applies the guardrails and DLP rules for one direction to <paramref name="text"/>: returns the text as it may go on
    /// (the same instance when nothing changed), records the findings, and sets <see cref="PolicyFindings.Block"/> when a
    /// rule blocks (the returned text must then not be used).
    /// </summary>
    public string Inspect(string text, bool output, PolicyFindings findings, PseudonymMap? map)
    {
        if (text.Length == 0)
        {
            return text;
        }

        foreach (var rule in output ? _output : _input)
        {
            text = ApplyGuardrail(rule, text, output, findings);
            if (findings.Block is not null)
            {
                return text;
            }
        }

        if (_scanner is null)
        {
            return text;
        }

        var found = new List<DlpFinding>();
        try
        {
            _scanner.Scan(text, found);
        }
        catch (RegexMatchTimeoutException)
        {
            // A custom detector ran past its timeout: fail closed.
            findings.Blocked(new PolicyBlock(Policies[0].Name, "dlp", "a custom detector timed out"), output);
            return text;
        }

        if (found.Count == 0)
        {
            return text;
        }

        var rewrite = false;
        foreach (var group in found.GroupBy(f => f.Detector))
        {
            var (action, policy) = _dlp[group.Key];
            action = output ? PolicyActions.ForOutput(action) : action;
            findings.Add(policy, group.Key, action, output, group.Count());
            if (action == DlpActions.Block)
            {
                findings.Blocked(new PolicyBlock(policy, group.Key, "sensitive data found"), output);
            }

            rewrite |= action is DlpActions.Redact or DlpActions.Mask or DlpActions.Pseudonymize;
        }

        return findings.Block is not null || !rewrite ? text : DlpRewriter.Rewrite(text, found, d => ActionOf(d, output), map);
    }

    /// <summary>The action for a detector's finding in one direction.</summary>
    public string ActionOf(string detector, bool output) => _dlp.TryGetValue(detector, out var rule)
        ? output ? PolicyActions.ForOutput(rule.Action) : rule.Action
        : DlpActions.Log;

    /// <summary>
    /// A guard for one streamed answer, with the same rules as a whole one: banned terms with the action block stop the
    /// stream, other banned terms and regular expressions redact, record or stop it as their action says, DLP findings are
    /// rewritten (or stop it when blocked); what is found is recorded in <paramref name="findings"/>.
    /// <paramref name="holdBack"/> is the node's default window when no policy sets one.
    /// </summary>
    public StreamGuard CreateStreamGuard(int holdBack, PolicyFindings? findings = null)
    {
        var matcher = _blockingTermMatcher;
        var guard = new StreamTextGuard(matcher, _scanner, d => ActionOf(d, output: true), HoldBack > 0 ? HoldBack : holdBack,
            rules: _streamRules, findings: findings, policyOf: PolicyOf);
        return new StreamGuard(guard, matcher, _blockingTerms, this);
    }

    /// <summary>The policy that owns a DLP detector's action (for naming a stream's violation).</summary>
    public string PolicyOf(string detector) => _dlp.TryGetValue(detector, out var rule) ? rule.Policy : Policies[0].Name;

    private static string ApplyGuardrail(CompiledGuardrail rule, string text, bool output, PolicyFindings findings)
    {
        switch (rule.Type)
        {
            case GuardrailTypes.BannedTerms:
                return ApplyTerms(rule, text, output, findings);
            case GuardrailTypes.Regex:
                try
                {
                    var count = rule.Pattern!.Count(text);
                    if (count == 0)
                    {
                        return text;
                    }

                    findings.Add(rule.Policy, rule.Name, rule.Action, output, count);
                    if (rule.Action == DlpActions.Block)
                    {
                        findings.Blocked(new PolicyBlock(rule.Policy, rule.Name), output);
                        return text;
                    }

                    return rule.Action == DlpActions.Redact ? rule.Pattern.Replace(text, RedactedTerm) : text;
                }
                catch (RegexMatchTimeoutException)
                {
                    findings.Blocked(new PolicyBlock(rule.Policy, rule.Name, "the pattern timed out"), output);
                    return text;
                }

            case GuardrailTypes.PromptInjection:
                var (heuristic, score) = PromptInjectionRules.Score(text);
                if (heuristic is null || score < rule.Threshold)
                {
                    return text;
                }

                findings.Add(rule.Policy, rule.Name, rule.Action, output);
                if (rule.Action == DlpActions.Block)
                {
                    findings.Blocked(new PolicyBlock(rule.Policy, rule.Name, $"heuristic {heuristic}, score {score:0.0#}"), output);
                }

                return text;
            default:
                return text;
        }
    }

    private static string ApplyTerms(CompiledGuardrail rule, string text, bool output, PolicyFindings findings)
    {
        var matcher = rule.Matcher!;
        if (matcher.FindFirst(text) is not { } first)
        {
            return text;
        }

        if (rule.Action == DlpActions.Block)
        {
            findings.Add(rule.Policy, rule.Name, rule.Action, output);
            findings.Blocked(new PolicyBlock(rule.Policy, rule.Name, $"term #{TermNumber(rule, matcher, first)}"), output);
            return text;
        }

        // log and redact: every match, left to right.
        var result = new StringBuilder(text.Length);
        var count = 0;
        var position = 0;
        for (TermMatch? match = first; match is { } m; match = position < text.Length ? matcher.FindFirst(text.AsSpan(position)) : null)
        {
            count++;
            var start = position + m.Index;
            result.Append(text, position, start - position).Append(rule.Action == DlpActions.Redact ? RedactedTerm : text.AsSpan(start, m.Length));
            position = start + m.Length;
        }

        findings.Add(rule.Policy, rule.Name, rule.Action, output, count);
        return rule.Action == DlpActions.Redact ? result.Append(text, position, text.Length - position).ToString() : text;
    }

    /// <summary>The 1-based position of the matched term in the rule's list (so admins can find it without the text being echoed).</summary>
    internal static int TermNumber(CompiledGuardrail rule, BannedTermMatcher matcher, TermMatch match)
    {
        var folded = matcher.Term(match);
        for (var i = 0; i < rule.Terms!.Count; i++)
        {
            if (NormalizedText.FoldTerm(rule.Terms[i]) == folded)
            {
                return i + 1;
            }
        }

        return 0;
    }

}
