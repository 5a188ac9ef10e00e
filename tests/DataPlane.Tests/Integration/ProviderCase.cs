using Switchyard.Shared.Configuration;
using Switchyard.Testing.Upstream;

namespace Switchyard.DataPlane.Tests.Integration;

/// <summary>
/// One provider family as a gateway deployment pointing at the <see cref="FakeUpstream"/>: the route's public
/// model, the deployment (kind, upstream model, base URL, secret, settings) and what the fake must receive for it.
/// </summary>
/// <param name="Name">Case name (theory data); the public model is <c>it-{Name}</c>.</param>
/// <param name="Kind">Provider kind of the deployment.</param>
/// <param name="Family">The family the fake answers as ("Hello from {Family}! ...").</param>
/// <param name="UpstreamModel">The deployment's upstream model id.</param>
/// <param name="Settings">Deployment settings (Azure deployment/apiVersion, Bedrock region).</param>
internal sealed record ProviderCase(string Name, string Kind, string Family, string UpstreamModel, IReadOnlyDictionary<string, string> Settings)
{
    public const string BedrockSecretAccessKey = "fake/Bedrock+Secret0123456789abcdefghijkl";

    public string PublicModel => "it-" + Name;

    /// <summary>Speaks OpenAI Chat Completions upstream (every kind except anthropic, gemini and bedrock).</summary>
    public bool OpenAIWire => Kind is not (ProviderKinds.Anthropic or ProviderKinds.Gemini or ProviderKinds.Bedrock);

    /// <summary>The fake sends a tool call's arguments whole in one piece (Gemini functionCall, Ollama), not as 3 fragments.</summary>
    public bool WholeToolCall => Kind is ProviderKinds.Gemini or ProviderKinds.Ollama;

    /// <summary>Mistral refuses <c>stream_options</c>, so the gateway must not send it.</summary>
    public bool TakesStreamOptions => OpenAIWire && Kind != ProviderKinds.Mistral;

    /// <summary>The <c>model</c> the upstream body must carry; null when the URL names the model instead.</summary>
    public string? BodyModel => Kind switch
    {
        ProviderKinds.Gemini or ProviderKinds.Bedrock => null,
        ProviderKinds.AzureOpenAI when Setting("apiVersion") != "v1" => null,
        ProviderKinds.AzureOpenAI => Setting("deployment"),
        _ => UpstreamModel,
    };

    public string BaseUrl(FakeUpstream fake) => Kind switch
    {
        ProviderKinds.AzureOpenAI => fake.AzureBaseUrl,
        ProviderKinds.Anthropic => fake.AnthropicBaseUrl,
        ProviderKinds.Gemini => fake.GeminiBaseUrl,
        ProviderKinds.Bedrock => fake.BedrockBaseUrl,
        _ => fake.FlavorBaseUrl(Kind),
    };

    /// <summary>The deployment's credential; Ollama runs without one.</summary>
    public string? Secret(FakeUpstream fake) => Kind switch
    {
        ProviderKinds.AzureOpenAI => fake.AzureKey,
        ProviderKinds.Anthropic => fake.AnthropicKey,
        ProviderKinds.Gemini => fake.GeminiKey,
        ProviderKinds.Bedrock => fake.BedrockAccessKeyId + ":" + BedrockSecretAccessKey,
        ProviderKinds.Ollama => null,
        _ => fake.OpenAIKey,
    };

    /// <summary>The exact request target the fake must see (not percent-decoded).</summary>
    public string ExpectedTarget(bool stream) => Kind switch
    {
        ProviderKinds.AzureOpenAI when Setting("apiVersion") == "v1" => "/azure/openai/v1/chat/completions",
        ProviderKinds.AzureOpenAI => $"/azure/openai/deployments/{Setting("deployment")}/chat/completions?api-version={Setting("apiVersion") ?? "2024-10-21"}",
        ProviderKinds.Anthropic => "/anthropic/v1/messages",
        ProviderKinds.Gemini => $"/gemini/v1beta/models/{UpstreamModel}:" + (stream ? "streamGenerateContent?alt=sse" : "generateContent"),
        ProviderKinds.Bedrock => $"/bedrock/model/{UpstreamModel.Replace(":", "%3A", StringComparison.Ordinal)}/" + (stream ? "converse-stream" : "converse"),
        _ => $"/{Kind}/v1/chat/completions",
    };

    /// <summary>Asserts the upstream credential header is the deployment's own, in the family's header.</summary>
    public void AssertAuth(RecordedRequest request, FakeUpstream fake)
    {
        switch (Kind)
        {
            case ProviderKinds.AzureOpenAI:
                Assert.Equal(fake.AzureKey, request.Header("api-key"));
                Assert.Null(request.Header("Authorization"));
                break;
            case ProviderKinds.Anthropic:
                Assert.Equal(fake.AnthropicKey, request.Header("x-api-key"));
                Assert.False(string.IsNullOrEmpty(request.Header("anthropic-version")));
                Assert.Null(request.Header("Authorization"));
                break;
            case ProviderKinds.Gemini:
                Assert.True(request.Header("x-goog-api-key") == fake.GeminiKey || request.PathAndQuery.Contains("key=" + fake.GeminiKey, StringComparison.Ordinal));
                Assert.Null(request.Header("Authorization"));
                break;
            case ProviderKinds.Bedrock:
                Assert.StartsWith($"AWS4-HMAC-SHA256 Credential={fake.BedrockAccessKeyId}/", request.Header("Authorization"), StringComparison.Ordinal);
                Assert.Contains("/us-east-1/bedrock/aws4_request", request.Header("Authorization"), StringComparison.Ordinal);
                Assert.False(string.IsNullOrEmpty(request.Header("x-amz-date")));
                break;
            case ProviderKinds.Ollama:
                Assert.Null(request.Header("Authorization"));
                break;
            default:
                Assert.Equal("Bearer " + fake.OpenAIKey, request.Header("Authorization"));
                break;
        }
    }

    public override string ToString() => Name;

    private string? Setting(string name) => Settings.TryGetValue(name, out var value) ? value : null;
}
