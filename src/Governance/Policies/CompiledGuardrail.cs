using System.Text.RegularExpressions;
using Switchyard.Governance.Terms;

namespace Switchyard.Governance.Policies;

/// <summary>A guardrail ready to run: its policy, name, type, action and compiled matcher.</summary>
public sealed record CompiledGuardrail(
    string Policy,
    string Name,
    string Type,
    string Action,
    bool Input,
    bool Output,
    IReadOnlyList<string>? Terms = null,
    BannedTermMatcher? Matcher = null,
    Regex? Pattern = null,
    int MaxTokens = 0,
    double Threshold = 0);
