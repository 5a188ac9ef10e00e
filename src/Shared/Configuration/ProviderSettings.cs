using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Switchyard.Shared.Configuration;

/// <summary>
/// The deployment settings each provider kind accepts and what their values may be. A setting a kind does not list is
/// refused by the control plane and makes a node drop the deployment, so a typo never goes unnoticed.
/// </summary>
public static partial class ProviderSettings
{
    private sealed record Rule(string Name, Func<string, bool> IsValid, string Requirement);

    private static readonly FrozenDictionary<string, Rule[]> ByKind = new Dictionary<string, Rule[]>(StringComparer.Ordinal)
    {
        [ProviderKinds.Mock] =
        [
            new("latencyMs", v => IsInt(v, 0, 600_000), "a whole number of milliseconds from 0 to 600000"),
            new("tokensPerSecond", v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d is > 0 and <= 1_000_000,
                "a number above 0 and at most 1000000"),
            new("failStatus", v => IsInt(v, 400, 599), "an HTTP error status from 400 to 599"),
            new("failAfterTokens", v => IsInt(v, 0, int.MaxValue), "a whole number of tokens, 0 or more"),
            new("dimensions", v => IsInt(v, 1, 8192), "a whole number from 1 to 8192"),
        ],
        [ProviderKinds.AzureOpenAI] =
        [
            new("apiVersion", AzureApiVersion().IsMatch, "'v1' or a date version such as 2024-10-21 or 2025-04-01-preview"),
            new("deployment", AzureDeploymentName().IsMatch, "an Azure deployment name (1-64 letters, digits, '.', '_' or '-')"),
            new("auth", v => OneOf(v, "bearer", "api-key"), "'bearer' (Entra tokens) or 'api-key' (the default)"),
        ],
        [ProviderKinds.Anthropic] =
        [
            new("maxTokens", v => IsInt(v, 1, 1_000_000), "a whole number from 1 to 1000000"),
            new("beta", AnthropicBeta().IsMatch, "anthropic-beta feature names separated by commas"),
        ],
        [ProviderKinds.Bedrock] =
        [
            new("region", AwsRegion().IsMatch, "an AWS region such as us-east-1"),
            new("auth", v => OneOf(v, "apiKey", "sigv4"), "'apiKey' (a Bedrock API key) or 'sigv4' (AWS access keys, the default)"),
        ],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The setting names <paramref name="kind"/> accepts (none for most kinds).</summary>
    public static IReadOnlyList<string> Names(string kind) =>
        ByKind.TryGetValue(kind, out var rules) ? rules.Select(r => r.Name).ToArray() : [];

    /// <summary>An error message when <paramref name="kind"/> does not accept <paramref name="name"/> = <paramref name="value"/>; else null.</summary>
    public static string? Check(string kind, string name, string value)
    {
        var rule = ByKind.TryGetValue(kind, out var rules) ? Array.Find(rules, r => r.Name == name) : null;
        if (rule is null)
        {
            var accepted = Names(kind);
            return accepted.Count == 0
                ? $"Provider kind '{kind}' takes no settings."
                : $"Provider kind '{kind}' has no setting '{name}'; it accepts: {string.Join(", ", accepted)}.";
        }

        return rule.IsValid(value) ? null : $"The {name} setting must be {rule.Requirement}.";
    }

    private static bool IsInt(string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max;

    private static bool OneOf(string value, params string[] allowed) => allowed.Contains(value, StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$")]
    private static partial Regex AwsRegion();

    [GeneratedRegex("^(v1|[0-9]{4}-[0-9]{2}-[0-9]{2}(-preview)?)$")]
    private static partial Regex AzureApiVersion();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex AzureDeploymentName();

    [GeneratedRegex("^[A-Za-z0-9._-]+( *, *[A-Za-z0-9._-]+)*$")]
    private static partial Regex AnthropicBeta();
}
