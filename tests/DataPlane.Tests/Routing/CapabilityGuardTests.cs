using System.Text.Json;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Dialects;
using Switchyard.DataPlane.Routing;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Tests.Routing;

public class CapabilityGuardTests
{
    private static readonly ModelCapabilities TextOnly = new(ContextWindow: 8000, MaxOutputTokens: 1000);

    [Fact]
    public void Check_ToolsOnTextOnlyModel_Returns400NamingTools()
    {
        var error = CapabilityGuard.Check(Request(tools: true), TextOnly, drop: false, out var changed);

        Assert.Equal(("tools", "unsupported_parameter", 400), (error!.Param, error.Code, error.Status));
        Assert.False(changed);
    }

    [Fact]
    public void Check_ToolsWithDrop_RemovesToolsAndContinues()
    {
        var request = Request(tools: true);

        var error = CapabilityGuard.Check(request, TextOnly, drop: true, out var changed);

        Assert.Null(error);
        Assert.True(changed);
        Assert.Empty(request.Tools);
        Assert.Null(request.ToolChoice);
    }

    [Fact]
    public void Check_ImageOnModelWithoutVision_Returns400OrDropsTheImage()
    {
        Assert.Equal("messages", CapabilityGuard.Check(Request(image: true), TextOnly, drop: false, out _)!.Param);

        var request = Request(image: true);
        Assert.Null(CapabilityGuard.Check(request, TextOnly, drop: true, out _));
        Assert.All(request.Messages.SelectMany(m => m.Content), p => Assert.Equal(ContentPartKind.Text, p.Kind));
    }

    [Fact]
    public void Check_JsonSchemaWithDrop_DowngradesToJsonObject()
    {
        var request = Request();
        request.ResponseFormat = new ResponseFormat(ResponseFormatKind.JsonSchema, "answer", JsonDocument.Parse("{}").RootElement);

        Assert.Equal("response_format", CapabilityGuard.Check(request, TextOnly, drop: false, out _)!.Param);
        Assert.Null(CapabilityGuard.Check(request, TextOnly, drop: true, out _));
        Assert.Equal(ResponseFormatKind.JsonObject, request.ResponseFormat!.Kind);
    }

    [Fact]
    public void Check_MaxTokensOverModelLimit_Returns400OrClamps()
    {
        var request = Request();
        request.MaxTokens = 5000;

        Assert.Equal("max_tokens", CapabilityGuard.Check(request, TextOnly, drop: false, out _)!.Param);
        Assert.Null(CapabilityGuard.Check(request, TextOnly, drop: true, out _));
        Assert.Equal(1000, request.MaxTokens);
    }

    [Fact]
    public void Check_MaxCompletionTokensOverModelLimit_Returns400NamingTheCallersField()
    {
        var request = Request();
        request.MaxTokens = 5000;
        request.MaxTokensParam = "max_completion_tokens";

        var error = CapabilityGuard.Check(request, TextOnly, drop: false, out _);

        Assert.Equal(("max_completion_tokens", "invalid_value"), (error!.Param, error.Code));
        Assert.StartsWith("max_completion_tokens is too large", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_EmbeddingOnlyModel_RefusesChat()
    {
        var error = CapabilityGuard.Check(Request(), new ModelCapabilities(Chat: false, Embeddings: true), drop: true, out _);

        Assert.Equal(("model", "model_not_supported"), (error!.Param, error.Code));
    }

    [Fact]
    public void Accepts_UnrestrictedModel_TakesAnyRequestUnparsed()
    {
        var everything = new RequestFeatures(Tools: true, Media: true, JsonSchema: true, MaxTokens: 1_000_000, Unclear: false);

        Assert.True(CapabilityGuard.Accepts(null, everything));
        Assert.True(CapabilityGuard.Accepts(ModelCapabilities.Unrestricted, everything));
        Assert.Null(CapabilityGuard.Check(Request(tools: true, image: true), ModelCapabilities.Unrestricted, drop: false, out var changed));
        Assert.False(changed);
    }

    [Theory]
    [InlineData(false, false, false, null, false, true)]   // plain text, no limit: a text-only model takes it
    [InlineData(true, false, false, null, false, false)]   // tools
    [InlineData(false, true, false, null, false, false)]   // an image part
    [InlineData(false, false, true, null, false, false)]   // a JSON schema response format
    [InlineData(false, false, false, 100L, false, true)]   // within the output limit
    [InlineData(false, false, false, 101L, false, false)]  // over it
    [InlineData(false, false, false, 50L, true, false)]    // both limit fields, or a limit that is not a number
    public void Accepts_TextOnlyModel_OnlyRequestsItCanServeAsTheyAre(bool tools, bool media, bool jsonSchema, long? maxTokens, bool unclear, bool expected)
    {
        var textOnly = TextOnly with { MaxOutputTokens = 100 };

        Assert.Equal(expected, CapabilityGuard.Accepts(textOnly, new RequestFeatures(tools, media, jsonSchema, maxTokens, unclear)));
    }

    private static ChatRequest Request(bool tools = false, bool image = false)
    {
        var request = new ChatRequest { Model = "m" };
        var message = new ChatMessage { Role = ChatRole.User, Content = { ContentPart.FromText("hi") } };
        if (image)
        {
            message.Content.Add(ContentPart.FromImageUrl("https://example.test/cat.png"));
        }

        request.Messages.Add(message);
        if (tools)
        {
            request.Tools.Add(new ToolDefinition("f", null, JsonDocument.Parse("{}").RootElement));
            request.ToolChoice = ToolChoice.Required;
        }

        return request;
    }
}
