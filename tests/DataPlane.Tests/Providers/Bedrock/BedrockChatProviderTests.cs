using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Providers.Bedrock;
using Switchyard.DataPlane.Providers.OpenAICompatible;
using Switchyard.DataPlane.Providers.Upstream;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;
using Switchyard.Testing.Upstream;

namespace Switchyard.DataPlane.Tests.Providers.Bedrock;

public class BedrockChatProviderTests
{
    [Theory]
    [InlineData(BedrockHarness.Model, "/model/us.anthropic.claude-3-5-sonnet-20241022-v2%3A0/converse")]
    [InlineData("arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-haiku-20241022-v1:0",
        "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2Fus.anthropic.claude-3-5-haiku-20241022-v1%3A0/converse")]
    public async Task CompleteAsync_ToolUseResponse_ReturnsAnswerFromSignedRequest(string model, string rawTarget)
    {
        await using var harness = await BedrockHarness.StartAsync(FakeReply.Json(Fixture.Text("bedrock-converse-response-tool-use.json")));

        var result = await harness.Provider.CompleteAsync(BedrockChatProviderStreamTests.Request(), harness.Deployment(model), CancellationToken.None);

        var choice = Assert.Single(result.Value!.Choices);
        Assert.Equal(FinishReason.ToolCalls, choice.FinishReason);
        Assert.Equal("get_weather", Assert.Single(choice.ToolCalls).Name);
        Assert.Equal(new TokenUsage(392, 68), result.Value.Usage);
        Assert.Equal(rawTarget, harness.LastRawTarget);
        var call = harness.Upstream.Last;
        Assert.Equal("SESSIONTOKENEXAMPLE", call.Headers["x-amz-security-token"]);
        Assert.Matches(@"^\d{8}T\d{6}Z$", call.Headers["x-amz-date"]);
        BedrockHarness.AssertSignatureVerifies(call, rawTarget);
    }

    [Fact]
    public async Task CompleteAsync_JsonCredentialAndRegionFromHost_SignsForThatRegion()
    {
        // The region setting wins; a 127.0.0.1 base URL names none, so this deployment sets it.
        await using var harness = await BedrockHarness.StartAsync(FakeReply.Json(Fixture.Text("bedrock-converse-response.json")));
        const string secret = """{"accessKeyId":"AKIDEXAMPLE","secretAccessKey":"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY","sessionToken":"SESSIONTOKENEXAMPLE"}""";

        var result = await harness.Provider.CompleteAsync(BedrockChatProviderStreamTests.Request(), harness.Deployment(secret: secret, settings: new() { ["region"] = "eu-west-3" }), CancellationToken.None);

        Assert.NotNull(result.Value);
        BedrockHarness.AssertSignatureVerifies(harness.Upstream.Last, harness.LastRawTarget, "eu-west-3");
    }

    [Fact]
    public async Task CompleteAsync_ValidationError_Returns400WithUpstreamMessage()
    {
        var (_, headers) = BedrockErrorsTests.ReadHeaders("bedrock-error-400-validation.headers");
        await using var harness = await BedrockHarness.StartAsync(
            FakeReply.Json(Fixture.Text("bedrock-error-400-validation.json"), 400).Header("x-amzn-errortype", headers["x-amzn-errortype"]));

        var result = await harness.Provider.CompleteAsync(BedrockChatProviderStreamTests.Request(), harness.Deployment(), CancellationToken.None);

        Assert.Equal(GatewayErrorKind.InvalidRequest, result.Error!.Kind);
        Assert.Equal("The provided model identifier is invalid.", result.Error.Message);
    }

    [Fact]
    public async Task CompleteAsync_ApiKeyAuth_SendsBearerInsteadOfSigV4()
    {
        await using var harness = await BedrockHarness.StartAsync(FakeReply.Json(Fixture.Text("bedrock-converse-response.json")));

        var result = await harness.Provider.CompleteAsync(BedrockChatProviderStreamTests.Request(), harness.Deployment(secret: "bedrock-api-key-123", settings: new() { ["auth"] = "apiKey" }), CancellationToken.None);

        Assert.NotNull(result.Value);
        var call = harness.Upstream.Last;
        Assert.Equal("Bearer bedrock-api-key-123", call.Headers["Authorization"]);
        Assert.False(call.Headers.ContainsKey("x-amz-date"));
    }

    [Theory]
    [InlineData("AKIDEXAMPLE:secret", false)] // no region: a 127.0.0.1 base URL names none
    [InlineData("not-a-key-pair", true)]
    public async Task CompleteAsync_MisconfiguredDeployment_FailsWithoutCallingUpstream(string secret, bool withRegion)
    {
        await using var harness = await BedrockHarness.StartAsync(FakeReply.Json("{}"));
        var settings = withRegion ? new Dictionary<string, string> { ["region"] = "us-east-1" } : [];

        var result = await harness.Provider.CompleteAsync(BedrockChatProviderStreamTests.Request(), harness.Deployment(secret: secret, settings: settings), CancellationToken.None);

        Assert.Equal("provider_misconfigured", result.Error!.Code);
        Assert.DoesNotContain(secret, result.Error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Upstream.Requests);
    }

    [Fact]
    public async Task CompleteAsync_ImageUrl_Returns400WithoutCallingUpstream()
    {
        await using var harness = await BedrockHarness.StartAsync(FakeReply.Json("{}"));
        var request = BedrockChatProviderStreamTests.Request();
        request.Messages[0].Content.Add(ContentPart.FromImageUrl("https://example.com/cat.png"));

        var result = await harness.Provider.CompleteAsync(request, harness.Deployment(), CancellationToken.None);

        Assert.Equal(400, result.Error!.Status);
        Assert.Empty(harness.Upstream.Requests);
    }

    [Fact]
    public async Task CreateRequest_StreamRequest_MatchesHttpFixtureHeaderLayout()
    {
        // bedrock-converse-request.http: its x-amz-content-sha256 and Signature values are illustrative, so only the
        // layout, the fixed values and the body are compared; the content hash must be the body's real SHA-256.
        var fixture = Fixture.Text("bedrock-converse-request.http").Replace("\r", "", StringComparison.Ordinal).Split("\n\n", 2);
        var lines = fixture[0].Split('\n');
        var expected = lines[1..].Select(l => l.Split(':', 2)).ToDictionary(p => p[0], p => p[1].Trim());
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 8, 21, 12, 41, 0, TimeSpan.Zero));
        using var http = TestEgress.LoopbackClient();
        var provider = new BedrockChatProvider(new UpstreamClient(http, Options.Create(new UpstreamOptions())), time);
        var deployment = new RuntimeDeployment(
            new DeploymentSnapshot(Guid.NewGuid(), ProviderKinds.Bedrock, "anthropic.claude-3-5-sonnet-20240620-v1:0", null, null, 1, new Dictionary<string, string> { ["region"] = "us-east-1" }),
            "AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY:IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN");
        var request = BedrockChatProviderStreamTests.Request();
        request.MaxTokens = 256;
        using var message = provider.CreateRequest(request, deployment, stream: true, out var error)!;

        Assert.Null(error);
        Assert.Equal(lines[0], $"{message.Method} {message.RequestUri!.AbsoluteUri}");
        var sent = message.Headers.NonValidated.Concat(message.Content!.Headers.NonValidated)
            .ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        Assert.Equal(expected.Keys.Order(), sent.Keys.Where(k => k != "content-length").Order());
        foreach (var name in new[] { "host", "content-type", "accept", "x-amz-date", "x-amz-security-token" })
        {
            Assert.Equal(expected[name], sent[name]);
        }

        var body = await message.Content.ReadAsByteArrayAsync();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(body)), sent["x-amz-content-sha256"]);
        var authorization = sent["authorization"];
        var expectedPrefix = expected["authorization"][..expected["authorization"].IndexOf("Signature=", StringComparison.Ordinal)];
        Assert.StartsWith(expectedPrefix, authorization, StringComparison.Ordinal);
        Assert.Matches("Signature=[0-9a-f]{64}$", authorization);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(fixture[1]), JsonNode.Parse(body)));
    }
}
