using System.Text.Json;
using System.Text.RegularExpressions;

namespace Switchyard.Shared.Configuration;

/// <summary>
/// Which secrets a provider kind accepts, and which credentials a deployment of a kind may use. Part of the one definition
/// of what nodes accept (with <see cref="RouteRules"/>, <see cref="DeploymentRules"/> and <see cref="ProviderSettings"/>):
/// the control plane refuses a credential that breaks it, and a node drops such a credential from its snapshot.
/// </summary>
public static partial class CredentialRules
{
    /// <summary>
    /// Adds an error for each field of a credential that breaks the rules: <c>providerKind</c> must be a known kind and
    /// <c>secret</c> (trimmed) non-empty and in that kind's format.
    /// </summary>
    public static void Validate(string? providerKind, string? secret, ICollection<ConfigFieldError> errors)
    {
        if (!ProviderKinds.IsKnown(providerKind))
        {
            errors.Add(new ConfigFieldError("providerKind", ProviderKinds.UnknownMessage));
        }

        if (string.IsNullOrWhiteSpace(secret))
        {
            errors.Add(new ConfigFieldError("secret", "The secret field is required."));
        }
        else if (providerKind is not null && ValidateSecret(providerKind, secret.Trim()) is { } message)
        {
            errors.Add(new ConfigFieldError("secret", message));
        }
    }

    /// <summary>Kinds that authenticate with an OpenAI-style bearer key, so one credential may serve any of them.</summary>
    public static readonly IReadOnlySet<string> OpenAIWireKinds = new HashSet<string>(StringComparer.Ordinal)
    {
        ProviderKinds.OpenAI, ProviderKinds.Mistral, ProviderKinds.Groq, ProviderKinds.Together, ProviderKinds.DeepSeek,
        ProviderKinds.Fireworks, ProviderKinds.OpenRouter, ProviderKinds.Vllm, ProviderKinds.Ollama,
    };

    /// <summary>
    /// True when a deployment of <paramref name="deploymentKind"/> may use a credential created for <paramref name="credentialKind"/>:
    /// the same kind, two OpenAI-wire kinds, or a mock deployment (which ignores its credential).
    /// </summary>
    public static bool IsCompatible(string credentialKind, string deploymentKind) =>
        credentialKind == deploymentKind
        || deploymentKind == ProviderKinds.Mock
        || (OpenAIWireKinds.Contains(credentialKind) && OpenAIWireKinds.Contains(deploymentKind));

    /// <summary>An error message when <paramref name="secret"/> (trimmed, non-empty) cannot be a secret of <paramref name="kind"/>; else null.</summary>
    public static string? ValidateSecret(string kind, string secret) =>
        kind == ProviderKinds.Bedrock && !IsBedrockSecret(secret)
            ? "A bedrock secret must be 'ACCESS_KEY_ID:SECRET_ACCESS_KEY[:SESSION_TOKEN]', a JSON object with accessKeyId and "
              + "secretAccessKey (and optionally sessionToken), or a Bedrock API key (starting with 'ABSK')."
            : null;

    /// <summary>AWS access keys ("AK:SK[:TOKEN]" or JSON), or a Bedrock API key sent as a bearer token.</summary>
    public static bool IsBedrockSecret(string secret)
    {
        if (secret.StartsWith("ABSK", StringComparison.Ordinal))
        {
            return secret.Length > 4;
        }

        return secret.StartsWith('{') ? IsAwsKeyJson(secret) : IsAwsKeyPair(secret);
    }

    private static bool IsAwsKeyPair(string secret)
    {
        var parts = secret.Split(':');
        return parts.Length is 2 or 3 && AccessKeyId().IsMatch(parts[0]) && parts.Skip(1).All(IsToken);
    }

    private static bool IsAwsKeyJson(string secret)
    {
        try
        {
            using var document = JsonDocument.Parse(secret);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("accessKeyId", out var accessKeyId) && accessKeyId.ValueKind == JsonValueKind.String
                && AccessKeyId().IsMatch(accessKeyId.GetString()!)
                && root.TryGetProperty("secretAccessKey", out var secretKey) && secretKey.ValueKind == JsonValueKind.String
                && IsToken(secretKey.GetString()!)
                && (!root.TryGetProperty("sessionToken", out var token) || token.ValueKind == JsonValueKind.Null
                    || (token.ValueKind == JsonValueKind.String && IsToken(token.GetString()!)));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool IsToken(string value) => value.Length > 0 && !value.Any(char.IsWhiteSpace);

    /// <summary>AWS access key ids: uppercase letters and digits (AKIA…, ASIA… for temporary credentials).</summary>
    [GeneratedRegex("^[A-Z0-9]{16,128}$")]
    private static partial Regex AccessKeyId();
}
