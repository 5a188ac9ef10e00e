using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Providers.OpenAICompatible;
using Switchyard.DataPlane.Streaming;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Tests.Providers.OpenAICompatible;

public class OpenAIRequestWriterTests
{
    private const string UpstreamModel = "gpt-4o-mini-2024-07-18";

    [Theory]
    [InlineData("openai-chat-request-basic.json")]
    [InlineData("openai-chat-request-stream-usage.json")]
    [InlineData("openai-chat-request-tool-result.json")]
    [InlineData("openai-chat-request-tools-image.json")]
    public void Write_FixtureRequest_MatchesRecordedBody(string fixture)
    {
        var request = fixture switch
        {
            "openai-chat-request-basic.json" => FixtureRequests.Basic(),
            "openai-chat-request-stream-usage.json" => FixtureRequests.StreamUsage(),
            "openai-chat-request-tool-result.json" => FixtureRequests.ToolResult(),
            _ => FixtureRequests.ToolsImage(),
        };

        var body = Write(request, ProviderKinds.OpenAI);

        var expected = Expected(fixture);
        expected["stream"] = request.Stream;
        OpenAIProviderKit.JsonEqual(expected, body);
    }

    [Fact]
    public void Write_JsonSchemaFixture_WritesSystemRoleAndMaxCompletionTokens()
    {
        var body = Write(FixtureRequests.JsonSchema(), ProviderKinds.OpenAI);

        // The canonical model keeps developer text as system text, and OpenAI takes max_completion_tokens.
        var expected = Expected("openai-chat-request-json-schema.json");
        expected["messages"]![0]!["role"] = "system";
        expected["max_completion_tokens"] = expected["max_tokens"]!.DeepClone();
        expected.Remove("max_tokens");
        expected["stream"] = false;
        OpenAIProviderKit.JsonEqual(expected, body);
    }

    [Theory]
    [InlineData(ProviderKinds.Together)]
    [InlineData(ProviderKinds.DeepSeek)]
    [InlineData(ProviderKinds.Vllm)]
    [InlineData(ProviderKinds.Ollama)]
    public void Write_OtherKinds_UseMaxTokens(string kind)
    {
        var node = JsonNode.Parse(Write(FixtureRequests.Basic(), kind))!;

        Assert.Equal(20, (int)node["max_tokens"]!);
        Assert.Null(node["max_completion_tokens"]);
    }

    [Fact]
    public void Write_StreamWithoutCallerUsage_StillAsksForUsage()
    {
        var request = FixtureRequests.StreamUsage();
        request.IncludeUsage = false;
        request.Extra = new() { ["stream_options"] = JsonDocument.Parse("""{"include_usage":false,"include_obfuscation":false}""").RootElement };

        var node = JsonNode.Parse(Write(request, ProviderKinds.Groq))!;

        Assert.True((bool)node["stream"]!);
        Assert.True((bool)node["stream_options"]!["include_usage"]!);
        Assert.False((bool)node["stream_options"]!["include_obfuscation"]!);
    }

    [Fact]
    public void Write_ExtraFields_PassThroughWithoutOverridingModeledOnes()
    {
        var request = FixtureRequests.Basic();
        request.TopK = 40;
        request.Extra = new()
        {
            ["min_p"] = JsonDocument.Parse("0.05").RootElement,
            ["model"] = JsonDocument.Parse("\"caller-model\"").RootElement,
        };

        var vllm = JsonNode.Parse(Write(request, ProviderKinds.Vllm))!.AsObject();
        var openai = JsonNode.Parse(Write(request, ProviderKinds.OpenAI))!.AsObject();

        Assert.Equal(0.05, (double)vllm["min_p"]!);
        Assert.Equal(UpstreamModel, (string)vllm["model"]!);
        Assert.Equal(40, (int)vllm["top_k"]!);
        Assert.False(openai.ContainsKey("top_k"));
    }

    [Fact]
    public void Write_InlineDocument_WritesFilePart()
    {
        var request = new ChatRequest();
        request.Messages.Add(new ChatMessage
        {
            Role = ChatRole.User,
            Content = [ContentPart.FromText("Summarise"), new ContentPart { Kind = ContentPartKind.Document, MediaType = "application/pdf", Data = "JVBERi0x" }],
        });

        var part = JsonNode.Parse(Write(request, ProviderKinds.OpenAI))!["messages"]![0]!["content"]![1]!;

        Assert.Equal("file", (string)part["type"]!);
        Assert.Equal("data:application/pdf;base64,JVBERi0x", (string)part["file"]!["file_data"]!);
        Assert.Equal("document.pdf", (string)part["file"]!["filename"]!);
    }

    [Fact]
    public void Validate_DocumentByHttpUrl_NamesThePart()
    {
        var request = new ChatRequest();
        request.Messages.Add(new ChatMessage
        {
            Role = ChatRole.User,
            Content = [ContentPart.FromText("Summarise"), new ContentPart { Kind = ContentPartKind.Document, Url = "https://example.com/a.pdf" }],
        });

        var error = OpenAIRequestWriter.Validate(request, OpenAIFlavor.For(ProviderKinds.OpenAI));

        Assert.Equal("messages[0].content[1]", error?.Param);
    }

    private static JsonObject Expected(string fixture)
    {
        var expected = JsonNode.Parse(Fixture.Bytes(fixture))!.AsObject();
        expected["model"] = UpstreamModel;
        return expected;
    }

    private static string Write(ChatRequest request, string kind)
    {
        using var output = new PooledBufferWriter();
        OpenAIRequestWriter.Write(request, OpenAIFlavor.For(kind), UpstreamModel, request.Stream, output);
        return OpenAIProviderKit.Utf8(output.WrittenSpan);
    }
}
