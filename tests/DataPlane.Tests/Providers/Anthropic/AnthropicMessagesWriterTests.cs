using System.Text.Json;
using Switchyard.DataPlane.Chat;
using static Switchyard.DataPlane.Tests.Providers.Anthropic.AnthropicTestSupport;

namespace Switchyard.DataPlane.Tests.Providers.Anthropic;

public class AnthropicMessagesWriterTests
{
    [Fact]
    public void Write_ToolResultsThenUserText_MergeIntoOneAlternatingUserTurn()
    {
        var request = new ChatRequest { Model = "claude" };
        request.Messages.Add(User("Weather in Paris and Rome?"));
        request.Messages.Add(new ChatMessage
        {
            Role = ChatRole.Assistant,
            ToolCalls = [new ToolCall("toolu_1", "get_weather", """{"location":"Paris"}"""), new ToolCall("toolu_2", "get_weather", "")],
        });
        request.Messages.Add(new ChatMessage { Role = ChatRole.Tool, ToolCallId = "toolu_1", Content = [ContentPart.FromText("15 C")] });
        request.Messages.Add(new ChatMessage { Role = ChatRole.Tool, ToolCallId = "toolu_2", Content = [ContentPart.FromText("Rome is unknown")], IsError = true });
        request.Messages.Add(User("Thanks. And tomorrow?"));

        var messages = Body(request).GetProperty("messages");

        JsonEqual(JsonDocument.Parse("""
            [
              {"role":"user","content":"Weather in Paris and Rome?"},
              {"role":"assistant","content":[
                {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"location":"Paris"}},
                {"type":"tool_use","id":"toolu_2","name":"get_weather","input":{}}]},
              {"role":"user","content":[
                {"type":"tool_result","tool_use_id":"toolu_1","content":"15 C"},
                {"type":"tool_result","tool_use_id":"toolu_2","content":"Rome is unknown","is_error":true},
                {"type":"text","text":"Thanks. And tomorrow?"}]}
            ]
            """).RootElement, messages);
    }

    [Fact]
    public void Write_ConsecutiveUserTurnsAndEmptyAssistant_MergeAndSkipEmpty()
    {
        var request = new ChatRequest { Model = "claude" };
        request.Messages.Add(User("one"));
        request.Messages.Add(new ChatMessage { Role = ChatRole.Assistant, Content = [ContentPart.FromText("")] });
        request.Messages.Add(User("two"));
        request.Messages.Add(new ChatMessage { Role = ChatRole.Assistant, Content = [ContentPart.FromText("answer")] });

        var messages = Body(request).GetProperty("messages");

        JsonEqual(JsonDocument.Parse("""
            [
              {"role":"user","content":[{"type":"text","text":"one"},{"type":"text","text":"two"}]},
              {"role":"assistant","content":"answer"}
            ]
            """).RootElement, messages);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("   ")]
    public void Write_ToolCallArgumentsNotAnObject_SendsEmptyInput(string arguments)
    {
        var request = new ChatRequest { Model = "claude" };
        request.Messages.Add(User("go"));
        request.Messages.Add(new ChatMessage { Role = ChatRole.Assistant, ToolCalls = [new ToolCall("toolu_1", "run", arguments)] });

        var toolUse = Body(request).GetProperty("messages")[1].GetProperty("content")[0];

        Assert.Equal("{}", toolUse.GetProperty("input").GetRawText());
    }

    [Fact]
    public void Write_MediaParts_BecomeImageAndDocumentBlocks()
    {
        var request = new ChatRequest { Model = "claude" };
        request.Messages.Add(new ChatMessage
        {
            Role = ChatRole.User,
            Content =
            [
                ContentPart.FromImageUrl("https://example.com/cat.jpg"),
                ContentPart.FromImageUrl("data:application/pdf;base64,JVBERi0x"),
                ContentPart.FromText("Compare these."),
            ],
        });

        var content = Body(request).GetProperty("messages")[0].GetProperty("content");

        JsonEqual(JsonDocument.Parse("""
            [
              {"type":"image","source":{"type":"url","url":"https://example.com/cat.jpg"}},
              {"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBERi0x"}},
              {"type":"text","text":"Compare these."}
            ]
            """).RootElement, content);
    }

    [Fact]
    public void Write_ToolResultWithImage_UsesContentBlocks()
    {
        var request = new ChatRequest { Model = "claude" };
        request.Messages.Add(User("Screenshot?"));
        request.Messages.Add(new ChatMessage { Role = ChatRole.Assistant, ToolCalls = [new ToolCall("toolu_1", "screenshot", "{}")] });
        request.Messages.Add(new ChatMessage
        {
            Role = ChatRole.Tool,
            ToolCallId = "toolu_1",
            Content = [ContentPart.FromText("Here:"), ContentPart.FromImageUrl("data:image/png;base64,iVBO")],
        });

        var result = Body(request).GetProperty("messages")[2].GetProperty("content")[0];

        JsonEqual(JsonDocument.Parse("""
            {"type":"tool_result","tool_use_id":"toolu_1","content":[
              {"type":"text","text":"Here:"},
              {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBO"}}]}
            """).RootElement, result);
    }

    private static ChatMessage User(string text) => new() { Role = ChatRole.User, Content = [ContentPart.FromText(text)] };
}
