using Switchyard.ControlPlane.Features.Routes;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Egress;

namespace Switchyard.ControlPlane.Tests.Features.Routes;

public sealed class DeploymentValidatorTests
{
    private static readonly Guid OpenAICredential = Guid.Parse("0199a1b2-0000-7000-8000-000000000001");
    private static readonly Guid AnthropicCredential = Guid.Parse("0199a1b2-0000-7000-8000-000000000002");

    [Theory]
    [InlineData(ProviderKinds.Mock)]
    [InlineData(ProviderKinds.OpenAI)]
    [InlineData(ProviderKinds.Anthropic)]
    [InlineData(ProviderKinds.Gemini)]
    [InlineData(ProviderKinds.Mistral)]
    [InlineData(ProviderKinds.Groq)]
    [InlineData(ProviderKinds.Together)]
    [InlineData(ProviderKinds.DeepSeek)]
    [InlineData(ProviderKinds.Fireworks)]
    [InlineData(ProviderKinds.OpenRouter)]
    public void Validate_KindWithDefaultBaseUrlAndNoBaseUrl_Valid(string kind)
    {
        Assert.Empty(Errors(new DeploymentRequest(kind, "some-model")));
    }

    [Theory]
    [InlineData(ProviderKinds.AzureOpenAI)]
    [InlineData(ProviderKinds.Vllm)]
    public void Validate_KindWithoutDefaultAndNoBaseUrl_ErrorNamesBaseUrl(string kind)
    {
        Assert.Equal(["deployments[0].baseUrl"], Errors(new DeploymentRequest(kind, "some-model")).Keys);
        Assert.Empty(Errors(new DeploymentRequest(kind, "some-model", "https://acme.openai.azure.com")));
    }

    [Fact]
    public void Validate_BedrockWithoutRegionOrBaseUrl_ErrorNamesRegionSetting()
    {
        Assert.Equal(["deployments[0].settings.region"], Errors(new DeploymentRequest(ProviderKinds.Bedrock, "amazon.nova-pro-v1:0")).Keys);
    }

    [Fact]
    public void Validate_BedrockWithRegionOrWithBaseUrl_Valid()
    {
        Assert.Empty(Errors(new DeploymentRequest(ProviderKinds.Bedrock, "amazon.nova-pro-v1:0", Settings: Settings("region", "eu-central-1"))));
        Assert.Empty(Errors(new DeploymentRequest(ProviderKinds.Bedrock, "amazon.nova-pro-v1:0", "https://bedrock-runtime.us-east-1.amazonaws.com")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("us-east")]
    [InlineData("US-EAST-1")]
    [InlineData("us-east-1.evil.example")]
    public void Validate_BedrockMalformedRegion_ErrorNamesRegionSetting(string region)
    {
        var errors = Errors(new DeploymentRequest(ProviderKinds.Bedrock, "m", Settings: Settings("region", region)));

        Assert.Contains("deployments[0].settings.region", errors.Keys);
    }

    [Theory]
    [InlineData("v1", true)]
    [InlineData("2024-10-21", true)]
    [InlineData("2025-04-01-preview", true)]
    [InlineData("latest", false)]
    [InlineData("2024-10", false)]
    [InlineData("2024-10-21-beta", false)]
    public void Validate_AzureApiVersionSetting_VOneOrDateVersion(string apiVersion, bool valid)
    {
        var errors = Errors(Azure(Settings("apiVersion", apiVersion)));

        Assert.Equal(valid ? [] : ["deployments[0].settings.apiVersion"], errors.Keys);
    }

    [Fact]
    public void Validate_AzureDeploymentSetting_MustBeADeploymentName()
    {
        var bad = Errors(Azure(Settings("deployment", "my deploy/../x")));
        var good = Errors(Azure(Settings("deployment", "gpt-4o_prod.2")));

        Assert.Equal(["deployments[0].settings.deployment"], bad.Keys);
        Assert.Empty(good);
    }

    [Fact]
    public void Validate_UnknownKind_ErrorNamesProviderKind()
    {
        Assert.Equal(["deployments[0].providerKind"], Errors(new DeploymentRequest("watsonx", "m")).Keys);
    }

    [Theory]
    [InlineData(ProviderKinds.Anthropic, "anthropic", true)]
    [InlineData(ProviderKinds.Gemini, "anthropic", false)]
    [InlineData(ProviderKinds.Groq, "openai", true)]
    [InlineData(ProviderKinds.AzureOpenAI, "openai", false)]
    [InlineData(ProviderKinds.Mock, "anthropic", true)]
    public void Validate_CredentialKind_SameKindOrOpenAIWireFamily(string kind, string credential, bool valid)
    {
        var credentialId = credential == "openai" ? OpenAICredential : AnthropicCredential;
        var errors = Errors(new DeploymentRequest(kind, "m", "https://upstream.example.test", credentialId));

        Assert.Equal(valid ? [] : ["deployments[0].credentialId"], errors.Keys);
    }

    [Fact]
    public void Validate_CredentialNotInTenant_ErrorNamesCredentialId()
    {
        Assert.Equal(["deployments[0].credentialId"], Errors(new DeploymentRequest(ProviderKinds.OpenAI, "m", CredentialId: Guid.NewGuid())).Keys);
    }

    [Fact]
    public void Validate_CapabilitiesOutOfRange_ErrorsNameCapabilityFields()
    {
        var zero = Errors(new DeploymentRequest(ProviderKinds.OpenAI, "m", Capabilities: new ModelCapabilities(0, 0)));
        var tooLong = Errors(new DeploymentRequest(ProviderKinds.OpenAI, "m", Capabilities: new ModelCapabilities(1_000, 2_000)));
        var nothing = Errors(new DeploymentRequest(ProviderKinds.OpenAI, "m", Capabilities: new ModelCapabilities(Chat: false)));
        var fine = Errors(new DeploymentRequest(ProviderKinds.OpenAI, "m", Capabilities: new ModelCapabilities(8_192, 1_024, Tools: true)));

        Assert.Equal(["deployments[0].capabilities.contextWindow", "deployments[0].capabilities.maxOutputTokens"], zero.Keys.Order());
        Assert.Equal(["deployments[0].capabilities.maxOutputTokens"], tooLong.Keys);
        Assert.Equal(["deployments[0].capabilities"], nothing.Keys);
        Assert.Empty(fine);
    }

    [Theory]
    [InlineData("https://api.openai.com/v1?api-version=1", "query")]
    [InlineData("https://evil.example/#", "fragment")]
    [InlineData("https://user:pass@api.openai.com/v1", "user information")]
    [InlineData("https://evil.example\\@api.openai.com/v1", "backslashes")]
    [InlineData("ftp://api.openai.com/v1", "absolute http or https")]
    public void Validate_BaseUrlWithQueryFragmentOrUserInfo_ErrorNamesBaseUrlAndSaysWhy(string baseUrl, string why)
    {
        var errors = Errors(new DeploymentRequest(ProviderKinds.OpenAI, "gpt-4o", baseUrl));

        Assert.Equal(["deployments[0].baseUrl"], errors.Keys);
        Assert.Contains(why, Assert.Single(errors["deployments[0].baseUrl"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8000/v1")]
    [InlineData("http://2130706433:8000/v1")]
    [InlineData("http://0x7f.1:8000/v1")]
    [InlineData("http://0177.0.0.1:8000/v1")]
    [InlineData("http://[::1]:8000/v1")]
    [InlineData("http://[::ffff:127.0.0.1]:8000/v1")]
    [InlineData("http://169.254.169.254/latest")]
    [InlineData("http://[fe80::1]/v1")]
    [InlineData("http://10.0.0.7:8000/v1")]
    [InlineData("http://172.20.1.1/v1")]
    [InlineData("http://192.168.1.5/v1")]
    [InlineData("http://100.64.0.1/v1")]
    [InlineData("http://[fd00::1]/v1")]
    [InlineData("http://224.0.0.1/v1")]
    [InlineData("http://0.0.0.0:8000/v1")]
    [InlineData("http://localhost:8000/v1")]
    [InlineData("http://localhost.:8000/v1")]
    public void Validate_NonPublicLiteralBaseUrl_ErrorNamesBaseUrl(string baseUrl)
    {
        var errors = Errors(new DeploymentRequest(ProviderKinds.Vllm, "llama", baseUrl));

        Assert.Equal(["deployments[0].baseUrl"], errors.Keys);
        Assert.Contains("egress policy", Assert.Single(errors["deployments[0].baseUrl"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NonPublicLiteralAllowListed_Valid()
    {
        var allowed = EgressAllowList.TryCreate(["localhost"], ["127.0.0.0/8", "10.0.0.0/8"], out _);

        Assert.Empty(Errors(new DeploymentRequest(ProviderKinds.Vllm, "llama", "http://2130706433:8000/v1"), allowed));
        Assert.Empty(Errors(new DeploymentRequest(ProviderKinds.Vllm, "llama", "http://10.0.0.7:8000/v1"), allowed));
        Assert.Empty(Errors(new DeploymentRequest(ProviderKinds.Ollama, "llama3.2"), allowed));
    }

    [Fact]
    public void Validate_OllamaWithItsLocalhostDefault_ErrorNamesBaseUrlUnlessGiven()
    {
        var errors = Errors(new DeploymentRequest(ProviderKinds.Ollama, "llama3.2"));

        Assert.Contains("http://localhost:11434/v1", Assert.Single(errors["deployments[0].baseUrl"]), StringComparison.Ordinal);
        Assert.Empty(Errors(new DeploymentRequest(ProviderKinds.Ollama, "llama3.2", "http://ollama.internal:11434/v1")));
    }

    private static Dictionary<string, string> Settings(string name, string value) => new() { [name] = value };

    private static DeploymentRequest Azure(Dictionary<string, string> settings) =>
        new(ProviderKinds.AzureOpenAI, "gpt-4o", "https://acme.openai.azure.com", Settings: settings);

    private static IDictionary<string, string[]> Errors(DeploymentRequest deployment, EgressAllowList? egressAllowed = null)
    {
        var errors = new ValidationErrors();
        var credentials = new Dictionary<Guid, string> { [OpenAICredential] = ProviderKinds.OpenAI, [AnthropicCredential] = ProviderKinds.Anthropic };
        DeploymentValidator.Validate(errors, "deployments[0]", deployment, credentials, egressAllowed ?? EgressAllowList.Empty);
        return errors.IsValid ? new Dictionary<string, string[]>() : errors.ToProblem().ProblemDetails.Errors;
    }
}
