using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Embeddings;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;
using Switchyard.Testing.Upstream;

namespace Switchyard.EndToEndTests.Infrastructure;

/// <summary>
/// The all-in-one host and its <see cref="FakeUpstream"/>, with a tenant whose routes reach every
/// <see cref="ProviderFamily"/> through the admin API: chat, failure (ratelimit, midstream, overloaded) and embedding
/// models per family, each with a credential for its kind. Shared by the provider test classes (one host start).
/// </summary>
public sealed class ProviderPlatform : IAsyncLifetime
{
    public const string Collection = "provider-platform";

    /// <summary>The secret key of the bedrock credential ("ACCESS_KEY_ID:SECRET_ACCESS_KEY").</summary>
    private const string BedrockSecretKey = "fakeBedrockSecretAccessKey0123456789abcd";

    public EmbeddedPlatformFixture Platform { get; } = new();

    /// <summary>The platform's fake upstream, answering as every provider family.</summary>
    public FakeUpstream Fake => Platform.Upstream;

    public TenantScenario Tenant { get; private set; } = null!;

    /// <summary>A virtual key of the tenant allowed every model.</summary>
    public string Key { get; private set; } = "";

    public AdminApi Admin => Platform.Admin;

    public async Task InitializeAsync()
    {
        await Platform.InitializeAsync();
        Tenant = await TenantScenario.CreateAsync(Admin, "providers-" + Guid.NewGuid().ToString("N")[..6]);
        var credentials = new Dictionary<string, Guid>();
        foreach (var family in ProviderFamily.All.Where(f => !f.IsMock))
        {
            if (!credentials.ContainsKey(family.Kind))
            {
                credentials[family.Kind] = (await Admin.CreateCredentialAsync(Tenant.Tenant.Id, family.Kind, family.Kind, SecretOf(family))).Id;
            }
        }

        foreach (var family in ProviderFamily.All)
        {
            var credential = family.IsMock ? (Guid?)null : credentials[family.Kind];
            await RouteAsync(family, family.ChatModel, "chat", credential, null);
            await RouteAsync(family, family.RateLimitModel, "ratelimit", credential, family.IsMock ? new() { ["failStatus"] = "429" } : null);
            await RouteAsync(family, family.OverloadedModel, "overloaded", credential, family.IsMock ? new() { ["failStatus"] = "529" } : null);
            await RouteAsync(family, family.MidstreamModel, "midstream", credential, family.IsMock ? new() { ["failAfterTokens"] = "2" } : null);
            if (family.Embeddings)
            {
                await RouteAsync(family, family.EmbeddingModel, "embedding", credential, family.IsMock ? new() { ["dimensions"] = "8" } : null);
            }
        }

        Key = await Tenant.CreateKeyAsync(Admin);
        var last = ProviderFamily.All[^1];
        await Eventually.HoldsAsync(
            async () => await GatewayCalls.ChatAsync(Platform.GatewayUrl, Key, last.ChatModel) == System.Net.HttpStatusCode.OK,
            TimeSpan.FromSeconds(15), "the provider routes reach the gateway");
    }

    public async Task DisposeAsync()
    {
        await Platform.DisposeAsync();
    }

    /// <summary>The official OpenAI SDK's chat client for a model, retries disabled.</summary>
    public ChatClient OpenAIChat(string model, string? key = null) => new(model, new ApiKeyCredential(key ?? Key), OpenAIOptions());

    public EmbeddingClient OpenAIEmbeddings(string model) => new(model, new ApiKeyCredential(Key), OpenAIOptions());

    public OpenAIClientOptions OpenAIOptions() =>
        new() { Endpoint = new Uri(Platform.GatewayUrl + "/v1"), RetryPolicy = new ClientRetryPolicy(0), NetworkTimeout = TimeSpan.FromSeconds(30) };

    /// <summary>The official Anthropic SDK pointed at the gateway root, retries disabled.</summary>
    public AnthropicClient AnthropicSdk(string? key = null) =>
        new() { BaseUrl = Platform.GatewayUrl, ApiKey = key ?? Key, MaxRetries = 0, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>
    /// Runs a call and returns the usage record the control plane stores for it: the first record of the model (and
    /// stream flag) timestamped after the call began. Records arrive asynchronously, so earlier calls' records may
    /// still be landing; the timestamp tells them apart.
    /// </summary>
    public async Task<UsageRecordDto> UsageOfAsync(string model, bool stream, Func<Task> call)
    {
        var started = DateTimeOffset.UtcNow;
        await call();
        UsageRecordDto? record = null;
        await Eventually.HoldsAsync(async () =>
        {
            record = (await Admin.UsageAsync(Tenant.Tenant.Id))
                .Where(r => r.Model == model && r.Stream == stream && r.Timestamp >= started)
                .MinBy(r => r.Timestamp);
            return record is not null;
        }, TimeSpan.FromSeconds(10), $"a usage record for {model} (stream: {stream})");
        return record!;
    }

    private string SecretOf(ProviderFamily family) => family.Kind switch
    {
        ProviderKinds.AzureOpenAI => Fake.AzureKey,
        ProviderKinds.Anthropic => Fake.AnthropicKey,
        ProviderKinds.Gemini => Fake.GeminiKey,
        ProviderKinds.Bedrock => Fake.BedrockAccessKeyId + ":" + BedrockSecretKey,
        _ => Fake.OpenAIKey,
    };

    private string? BaseUrlOf(ProviderFamily family) => family.Kind switch
    {
        ProviderKinds.Mock => null,
        ProviderKinds.AzureOpenAI => Fake.AzureBaseUrl,
        ProviderKinds.Anthropic => Fake.AnthropicBaseUrl,
        ProviderKinds.Gemini => Fake.GeminiBaseUrl,
        ProviderKinds.Bedrock => Fake.BedrockBaseUrl,
        _ => Fake.FlavorBaseUrl(family.Name),
    };

    private Task<RouteDto> RouteAsync(ProviderFamily family, string publicModel, string suffix, Guid? credential, Dictionary<string, string>? mockSettings)
    {
        var settings = mockSettings ?? family.Settings;
        var deployment = new DeploymentRequest(family.Kind, family.UpstreamModel(suffix), BaseUrlOf(family), credential, Settings: settings);
        return Admin.CreateRouteAsync(Tenant.Tenant.Id, new RouteRequest(publicModel, [deployment]));
    }
}
