using System.Text.RegularExpressions;
using Switchyard.Governance.Terms;

namespace Switchyard.Governance.Policies;

/// <summary>
/// A guardrail ready to run: its policy, name, type, action and compiled matcher; for an external one (<c>http</c>,
/// <c>moderation</c>) where it is called, how long it may take, what a failed call means and the credential it uses.
/// </summary>
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
    double Threshold = 0,
    Uri? Url = null,
    TimeSpan Timeout = default,
    bool FailOpen = false,
    Guid? CredentialId = null,
    string? Model = null);
