using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Providers;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Tests.Providers;

public class HealthCheckRequestTests
{
    [Theory]
    [InlineData(ProviderKinds.OpenAI, "https://api.openai.com/v1", null, "https://api.openai.com/v1/models", "Authorization", "Bearer sk-secret")]
    [InlineData(ProviderKinds.Anthropic, "https://api.anthropic.com", null, "https://api.anthropic.com/v1/models", "x-api-key", "sk-secret")]
    [InlineData(ProviderKinds.Gemini, "https://generativelanguage.googleapis.com/v1beta", null, "https://generativelanguage.googleapis.com/v1beta/models", "x-goog-api-key", "sk-secret")]
    [InlineData(ProviderKinds.AzureOpenAI, "https://res.openai.azure.com", null, "https://res.openai.azure.com/openai/models?api-version=2024-10-21", "api-key", "sk-secret")]
    [InlineData(ProviderKinds.AzureOpenAI, "https://res.openai.azure.com/openai", "2025-04-01-preview", "https://res.openai.azure.com/openai/models?api-version=2025-04-01-preview", "api-key", "sk-secret")]
    [InlineData(ProviderKinds.AzureOpenAI, "https://res.openai.azure.com/openai/v1", null, "https://res.openai.azure.com/openai/v1/models", "api-key", "sk-secret")]
    [InlineData(ProviderKinds.AzureOpenAI, "https://res.openai.azure.com", "v1", "https://res.openai.azure.com/openai/v1/models", "api-key", "sk-secret")]
    public void Create_CheckedKind_GetsTheModelsListWithTheDeploymentsCredential(string kind, string baseUrl, string? apiVersion, string url, string header, string value)
    {
        var settings = apiVersion is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["apiVersion"] = apiVersion };

        using var request = HealthCheckRequest.Create(Deployment(kind, baseUrl, settings));

        Assert.NotNull(request);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal(url, request.RequestUri!.AbsoluteUri);
        Assert.Equal(value, request.Headers.GetValues(header).Single());
    }

    [Fact]
    public void Create_AzureWithBearerAuth_SendsTheSecretAsBearer()
    {
        using var request = HealthCheckRequest.Create(Deployment(ProviderKinds.AzureOpenAI, "https://res.openai.azure.com", new Dictionary<string, string> { ["auth"] = "bearer" }));

        Assert.Equal("Bearer sk-secret", request!.Headers.Authorization!.ToString());
        Assert.False(request.Headers.Contains("api-key"));
    }

    [Theory]
    [InlineData(ProviderKinds.Bedrock, "https://bedrock-runtime.us-east-1.amazonaws.com")]
    [InlineData(ProviderKinds.Mock, null)]
    public void Create_KindWithoutAModelsList_Null(string kind, string? baseUrl) =>
        Assert.Null(HealthCheckRequest.Create(Deployment(kind, baseUrl, new Dictionary<string, string>())));

    private static RuntimeDeployment Deployment(string kind, string? baseUrl, Dictionary<string, string> settings) =>
        new(new DeploymentSnapshot(Guid.NewGuid(), kind, "model-x", baseUrl, null, 1, settings), "sk-secret");
}
