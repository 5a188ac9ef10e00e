using System.Text.Json;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Tests.Infrastructure;
using static Switchyard.DataPlane.Tests.Providers.Gemini.GeminiTestSupport;

namespace Switchyard.DataPlane.Tests.Providers.Gemini;

public class GeminiRequestWriterTests
{
    private const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
    private const string Signature = "CiQB0e2Kb3dRh8m1Zr3q1m9UPb6yQ0m7dFz2kVw0cE4rS9xYv6I=";

    [Fact]
    public void Write_ImageToolsAndSettings_MatchesRecordedGeminiRequest()
    {
        var request = new ChatRequest { Model = "public-gemini", Temperature = 0.7, TopP = 0.95, MaxTokens = 1024, Stop = ["###"], N = 1, ToolChoice = ToolChoice.Auto };
        request.System.Add("You are a concise weather assistant.");
        request.Messages.Add(new ChatMessage
        {
            Role = ChatRole.User,
            Content = [ContentPart.FromImageUrl("data:image/png;base64," + Png), ContentPart.FromText("This photo is from Paris. What's the weather there right now?")],
        });
        // Keywords Gemini rejects ($schema, additionalProperties, title, strict) must be stripped.
        request.Tools.Add(new ToolDefinition("get_weather", "Get the current weather in a given location", Json("""
            {"$schema":"http://json-schema.org/draft-07/schema#","type":"object","title":"Args","additionalProperties":false,
             "properties":{"location":{"type":"string","description":"The city, e.g. Paris"},"unit":{"type":"string","enum":["celsius","fahrenheit"]}},
             "required":["location"]}
            """)) { Strict = true });

        var actual = Write(request);

        AssertJsonEqual(Json(Fixture.Text("gemini-generatecontent-request.json")), actual);
        Assert.DoesNotContain("public-gemini", actual.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ToolResultAfterCall_MatchesRecordedGeminiRequest()
    {
        var request = new ChatRequest
        {
            ResponseFormat = new ResponseFormat(ResponseFormatKind.JsonSchema, "summary",
                Json("""{"type":"object","properties":{"summary":{"type":"string"}},"required":["summary"],"additionalProperties":false}"""), Strict: true),
        };
        request.Messages.Add(new ChatMessage { Role = ChatRole.User, Content = [ContentPart.FromText("What's the weather in Paris?")] });
        request.Messages.Add(new ChatMessage
        {
            Role = ChatRole.Assistant,
            ToolCalls = [new ToolCall("call_abc123", "get_weather", """{"location":"Paris"}""") { Signature = Signature }],
        });
        // No ToolName: the writer finds it from the earlier call with the same id.
        request.Messages.Add(new ChatMessage { Role = ChatRole.Tool, ToolCallId = "call_abc123", Content = [ContentPart.FromText("15 degrees celsius, light rain")] });
        request.Tools.Add(new ToolDefinition("get_weather", "Get the current weather in a given location",
            Json("""{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}""")));

        AssertJsonEqual(Json(Fixture.Text("gemini-generatecontent-request-function-response.json")), Write(request));
    }

    [Theory]
    [InlineData(ToolChoiceMode.None, null, """{"mode":"NONE"}""")]
    [InlineData(ToolChoiceMode.Auto, null, """{"mode":"AUTO"}""")]
    [InlineData(ToolChoiceMode.Required, null, """{"mode":"ANY"}""")]
    [InlineData(ToolChoiceMode.Named, "get_weather", """{"mode":"ANY","allowedFunctionNames":["get_weather"]}""")]
    public void Write_ToolChoice_MapsToFunctionCallingMode(ToolChoiceMode mode, string? name, string expected)
    {
        var request = UserRequest("hi");
        request.Tools.Add(new ToolDefinition("get_weather", null, Json("""{"type":"object","properties":{"city":{"type":"string"}}}""")));
        request.ToolChoice = new ToolChoice(mode, name);

        AssertJsonEqual(Json(expected), Write(request).GetProperty("toolConfig").GetProperty("functionCallingConfig"));
    }

    [Fact]
    public void Write_ConsecutiveSameRoleTurns_AreMergedSoRolesAlternate()
    {
        var request = UserRequest("first");
        request.Messages.Add(new ChatMessage { Role = ChatRole.User, Content = [ContentPart.FromText("second")] });
        request.Messages.Add(new ChatMessage
        {
            Role = ChatRole.Assistant,
            Content = [ContentPart.FromText("Checking both.")],
            ToolCalls = [new ToolCall("c1", "a", "{}"), new ToolCall("c2", "b", """{"x":1}""")],
        });
        request.Messages.Add(new ChatMessage { Role = ChatRole.Tool, ToolCallId = "c1", ToolName = "a", Content = [ContentPart.FromText("""{"ok":true}""")] });
        request.Messages.Add(new ChatMessage { Role = ChatRole.Tool, ToolCallId = "c2", Content = [ContentPart.FromText("boom")], IsError = true });
        request.Messages.Add(new ChatMessage { Role = ChatRole.Assistant, Content = [ContentPart.FromText("")] });
        request.Messages.Add(new ChatMessage { Role = ChatRole.User, Content = [ContentPart.FromText("thanks")] });

        var contents = Write(request).GetProperty("contents");

        AssertJsonEqual(Json("""
            [{"role":"user","parts":[{"text":"first"},{"text":"second"}]},
             {"role":"model","parts":[{"text":"Checking both."},{"functionCall":{"name":"a","args":{}}},{"functionCall":{"name":"b","args":{"x":1}}}]},
             {"role":"user","parts":[{"functionResponse":{"name":"a","response":{"output":{"ok":true}}}},
                                     {"functionResponse":{"name":"b","response":{"error":"boom"}}},{"text":"thanks"}]}]
            """), contents);
    }

    [Theory]
    [InlineData("https://example.com/cat.PNG?size=large", null, "image/png")]
    [InlineData("gs://bucket/report.pdf", null, "application/pdf")]
    [InlineData("https://example.com/image", null, "image/jpeg")]
    [InlineData("https://example.com/photo", "image/webp", "image/webp")]
    public void Write_ImageByUrl_UsesFileDataWithMediaType(string url, string? mediaType, string expected)
    {
        var request = new ChatRequest();
        request.Messages.Add(new ChatMessage { Role = ChatRole.User, Content = [new ContentPart { Kind = ContentPartKind.Image, Url = url, MediaType = mediaType }] });

        var part = Write(request).GetProperty("contents")[0].GetProperty("parts")[0];

        AssertJsonEqual(Json($$$"""{"fileData":{"mimeType":"{{{expected}}}","fileUri":"{{{url}}}"}}"""), part);
    }

    [Fact]
    public void Write_AllSettings_FillGenerationConfig()
    {
        var request = UserRequest("hi");
        request.TopK = 40;
        request.Seed = 7;
        request.PresencePenalty = 0.5;
        request.FrequencyPenalty = -0.5;
        request.N = 2;
        request.ThinkingBudget = 2048;
        request.ResponseFormat = new ResponseFormat(ResponseFormatKind.JsonObject);

        AssertJsonEqual(Json("""
            {"topK":40,"seed":7,"presencePenalty":0.5,"frequencyPenalty":-0.5,"candidateCount":2,"responseMimeType":"application/json",
             "thinkingConfig":{"thinkingBudget":2048,"includeThoughts":true}}
            """), Write(request).GetProperty("generationConfig"));
    }

    [Fact]
    public void Write_NoSettingsAndToolWithoutParameters_OmitsEmptySections()
    {
        var request = UserRequest("hi");
        request.Tools.Add(new ToolDefinition("now", "The time", Json("""{"type":"object","properties":{}}""")));

        var body = Write(request);

        Assert.False(body.TryGetProperty("generationConfig", out _));
        Assert.False(body.TryGetProperty("toolConfig", out _));
        Assert.False(body.TryGetProperty("systemInstruction", out _));
        AssertJsonEqual(Json("""[{"functionDeclarations":[{"name":"now","description":"The time"}]}]"""), body.GetProperty("tools"));
    }

    [Fact]
    public void Write_CallIdCarryingThoughtSignature_EchoesTheSignature()
    {
        var reader = GeminiResponseReaderTestsAccess.ReadFunctionCallId("c2lnbmF0dXJlKy8/");
        var request = UserRequest("weather?");
        request.Messages.Add(new ChatMessage { Role = ChatRole.Assistant, ToolCalls = { new ToolCall(reader, "get_weather", "{}") } });
        request.Messages.Add(new ChatMessage { Role = ChatRole.Tool, ToolCallId = reader, ToolName = "get_weather", Content = { ContentPart.FromText("sunny") } });

        var call = Write(request).GetProperty("contents")[1].GetProperty("parts")[0];

        Assert.Equal("c2lnbmF0dXJlKy8/", call.GetProperty("thoughtSignature").GetString());
        Assert.Matches("^call_[A-Za-z0-9]{24}__thought__[A-Za-z0-9_-]+$", reader);
    }

    private static ChatRequest UserRequest(string text)
    {
        var request = new ChatRequest();
        request.Messages.Add(new ChatMessage { Role = ChatRole.User, Content = [ContentPart.FromText(text)] });
        return request;
    }
}
