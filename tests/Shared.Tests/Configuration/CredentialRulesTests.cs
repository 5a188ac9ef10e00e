using Switchyard.Shared.Configuration;

namespace Switchyard.Shared.Tests.Configuration;

public sealed class CredentialRulesTests
{
    [Theory]
    [InlineData("AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")]
    [InlineData("ASIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY:IQoJb3JpZ2luX2VjEXAMPLETOKEN+/=")]
    [InlineData("""{"accessKeyId":"AKIAIOSFODNN7EXAMPLE","secretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}""")]
    [InlineData("""{"accessKeyId":"ASIAIOSFODNN7EXAMPLE","secretAccessKey":"wJalrXUtnFEMI","sessionToken":"IQoJb3JpZ2lu"}""")]
    [InlineData("ABSKQmVkcm9ja0FQSUtleS1leGFtcGxl")]
    public void ValidateSecret_BedrockAccepted_Null(string secret)
    {
        Assert.Null(CredentialRules.ValidateSecret(ProviderKinds.Bedrock, secret));
    }

    [Theory]
    [InlineData("sk-not-an-aws-key")]
    [InlineData("AKIAIOSFODNN7EXAMPLE")]
    [InlineData("AKIAIOSFODNN7EXAMPLE:")]
    [InlineData("akia-lowercase-id:secret")]
    [InlineData("AKIAIOSFODNN7EXAMPLE:a:b:c")]
    [InlineData("""{"accessKeyId":"AKIAIOSFODNN7EXAMPLE"}""")]
    [InlineData("""{"accessKeyId":"AKIAIOSFODNN7EXAMPLE","secretAccessKey":""}""")]
    [InlineData("""{"accessKeyId":"AKIAIOSFODNN7EXAMPLE","secretAccessKey":"x","sessionToken":5}""")]
    [InlineData("{not json")]
    [InlineData("ABSK")]
    public void ValidateSecret_BedrockMalformed_Message(string secret)
    {
        Assert.NotNull(CredentialRules.ValidateSecret(ProviderKinds.Bedrock, secret));
    }

    [Fact]
    public void ValidateSecret_OtherKinds_AnyNonEmptySecret()
    {
        Assert.All(ProviderKinds.All.Where(k => k != ProviderKinds.Bedrock), k => Assert.Null(CredentialRules.ValidateSecret(k, "anything-goes")));
    }

    [Theory]
    [InlineData(ProviderKinds.OpenAI, ProviderKinds.OpenRouter, true)]
    [InlineData(ProviderKinds.Vllm, ProviderKinds.OpenAI, true)]
    [InlineData(ProviderKinds.Gemini, ProviderKinds.Gemini, true)]
    [InlineData(ProviderKinds.OpenAI, ProviderKinds.AzureOpenAI, false)]
    [InlineData(ProviderKinds.Anthropic, ProviderKinds.Bedrock, false)]
    [InlineData(ProviderKinds.Gemini, ProviderKinds.Mock, true)]
    public void IsCompatible_CredentialKindForDeploymentKind(string credentialKind, string deploymentKind, bool compatible)
    {
        Assert.Equal(compatible, CredentialRules.IsCompatible(credentialKind, deploymentKind));
    }
}
