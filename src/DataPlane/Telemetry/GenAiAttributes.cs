using System.Globalization;
using Switchyard.DataPlane.Gateway;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Telemetry;

/// <summary>
/// Attribute names and values of the OpenTelemetry GenAI semantic conventions and Switchyard's own, shared by the
/// gateway's metrics and spans. Every value comes from the config snapshot or a fixed set: never from the caller's text
/// (a caller-chosen model name would let anyone create series), never a key or a user.
/// </summary>
public static class GenAiAttributes
{
    public const string OperationName = "gen_ai.operation.name";
    public const string ProviderName = "gen_ai.provider.name";
    public const string RequestModel = "gen_ai.request.model";
    public const string ResponseModel = "gen_ai.response.model";
    public const string TokenType = "gen_ai.token.type";
    public const string ErrorType = "error.type";
    public const string InputTokens = "gen_ai.usage.input_tokens";
    public const string OutputTokens = "gen_ai.usage.output_tokens";

    public const string Route = "switchyard.route";
    public const string RouteId = "switchyard.route.id";
    public const string Deployment = "switchyard.deployment";
    public const string Dialect = "switchyard.dialect";
    public const string Endpoint = "switchyard.endpoint";
    public const string Tenant = "switchyard.tenant";
    public const string Status = "http.response.status_code";
    public const string Reason = "reason";

    private static readonly string[] StatusTexts = [.. Enumerable.Range(0, 600).Select(i => i.ToString(CultureInfo.InvariantCulture))];

    /// <summary>The status code as text without allocating (the label value of a status, and of <c>error.type</c>).</summary>
    public static string StatusText(int status) => (uint)status < (uint)StatusTexts.Length ? StatusTexts[status] : "_OTHER";

    /// <summary><c>gen_ai.operation.name</c> of a gateway endpoint.</summary>
    public static string Operation(string endpointName) => endpointName switch
    {
        EmbeddingsEndpoint.EndpointName => "embeddings",
        CountTokensEndpoint.EndpointName => "count_tokens",
        _ => "chat",
    };

    /// <summary><c>gen_ai.provider.name</c> (the convention's well-known values where one exists) of a provider kind.</summary>
    public static string Provider(string providerKind) => providerKind switch
    {
        ProviderKinds.AzureOpenAI => "azure.ai.openai",
        ProviderKinds.Gemini => "gcp.gemini",
        ProviderKinds.Bedrock => "aws.bedrock",
        ProviderKinds.Mistral => "mistral_ai",
        ProviderKinds.DeepSeek => "deepseek",
        ProviderKinds.Groq => "groq",
        _ => providerKind,
    };
}
