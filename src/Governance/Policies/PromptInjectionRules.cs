using System.Buffers;
using System.Text.RegularExpressions;

namespace Switchyard.Governance.Policies;

/// <summary>
/// The curated prompt-injection and jailbreak heuristics: each rule is a named pattern with a weight (how sure a match
/// makes us); a text's score is the highest weight among the rules it matches, and the rule that gave it is reported. The
/// patterns run on the non-backtracking engine (linear time) over the text folded to lower case. The list is documented
/// in the README; it catches the common phrasings, not a determined adversary.
/// </summary>
public static class PromptInjectionRules
{
    public const double DefaultThreshold = 0.5;

    private static readonly (string Name, double Weight, SearchValues<string> Triggers, Regex Pattern)[] Rules =
    [
        ("ignore_instructions", 0.9, Triggers("ignore", "disregard", "forget", "override"), Create(@"\b(ignore|disregard|forget|override)\b.{0,40}\b(previous|prior|above|earlier|all|your|the|any)\b.{0,20}\b(instructions?|prompts?|rules|directives|guidelines)\b")),
        ("reveal_system_prompt", 0.8, Triggers("system prompt", "initial prompt", "hidden instruction", "hidden prompt", "your instruction"), Create(@"\b(reveal|show|print|repeat|output|tell me)\b.{0,30}\b(system prompt|initial prompt|hidden (instructions?|prompt)|your instructions)\b")),
        ("dan_jailbreak", 0.9, Triggers("do anything now", "dan mode", "developer mode", "jailbreak"), Create(@"\b(do anything now|dan mode|developer mode (enabled|on)|jailbreak(ed)?)\b")),
        ("no_restrictions_roleplay", 0.7, Triggers("pretend", "act as", "you are now", "roleplay", "imagine you are"), Create(@"\b(pretend|act as|you are now|roleplay as|imagine you are)\b.{0,60}\b(no|without|free of|unbound by)\b.{0,20}\b(restrictions|limits|rules|filters|guidelines|censorship)\b")),
        ("bypass_safety", 0.7, Triggers("bypass", "disable", "turn off", "circumvent"), Create(@"\b(bypass|disable|turn off|circumvent)\b.{0,30}\b(safety|content|moderation)\b.{0,15}\b(filters?|policy|policies|guardrails?|rules)\b")),
        ("new_system_role", 0.6, Triggers("system", "assistant"), Create(@"(^|\n)\s*(system|assistant)\s*:\s*(you|ignore|new instructions)")),
    ];

    /// <summary>The names of the rules, in the order they are checked.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Rules.Select(r => r.Name)];

    /// <summary>The highest-weighted rule <paramref name="text"/> matches and its weight, or (null, 0).</summary>
    /// <remarks>
    /// Each rule's patterns only run when one of its trigger words occurs (a vectorised search, case-insensitive), so an
    /// ordinary prompt costs a few scans instead of six regular expressions.
    /// </remarks>
    public static (string? Rule, double Score) Score(string text)
    {
        string? lower = null;
        string? best = null;
        var score = 0.0;
        foreach (var (name, weight, triggers, pattern) in Rules)
        {
            if (weight > score && text.AsSpan().ContainsAny(triggers) && pattern.IsMatch(lower ??= text.ToLowerInvariant()))
            {
                best = name;
                score = weight;
            }
        }

        return (best, score);
    }

    private static SearchValues<string> Triggers(params string[] words) => SearchValues.Create(words, StringComparison.OrdinalIgnoreCase);

    private static Regex Create(string pattern) =>
        new(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(250));
}
