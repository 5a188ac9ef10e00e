using System.Text.RegularExpressions;

namespace Switchyard.Governance.Dlp;

/// <summary>
/// A tenant's own detector: a regular expression compiled with the non-backtracking engine, so its matching time is
/// linear in the input whatever the pattern (no ReDoS), with a match timeout as a second guard.
/// </summary>
public sealed class DlpCustomRule
{
    public const int MaxPatternLength = 1000;
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    private DlpCustomRule(string name, Regex regex)
    {
        Name = name;
        Regex = regex;
    }

    /// <summary>The name findings carry (<c>custom:employee-id</c>).</summary>
    public string Name { get; }

    internal Regex Regex { get; }

    /// <summary>Compiles a rule, or returns why the pattern cannot be used (for the admin API's validation message).</summary>
    public static DlpCustomRule? TryCreate(string name, string pattern, out string? error)
    {
        error = pattern.Length switch
        {
            0 => "The pattern is empty.",
            > MaxPatternLength => $"The pattern is longer than {MaxPatternLength} characters.",
            _ => null,
        };
        if (error is not null)
        {
            return null;
        }

        try
        {
            return new DlpCustomRule("custom:" + name, new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, MatchTimeout));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            // NotSupportedException: constructs the linear-time engine cannot run (backreferences, lookarounds, atomic groups).
            error = "The pattern is not a supported regular expression (backreferences, lookarounds and atomic groups are not allowed): " + ex.Message;
            return null;
        }
    }
}
