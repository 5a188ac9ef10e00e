using System.Text;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Dialects;
using Switchyard.DataPlane.Dialects.Anthropic;
using Switchyard.DataPlane.Tests.Infrastructure;

namespace Switchyard.DataPlane.Tests.Dialects.Anthropic;

/// <summary>Bad Messages bodies give a 400 naming the field, Anthropic style, from both Scan and Parse; nothing throws.</summary>
public class AnthropicRequestValidationTests
{
    private const string User = """{"role":"user","content":"hi"}""";

    private static readonly AnthropicDialect Dialect = new();

    [Fact]
    public void Scan_ValidBody_ExtractsModelStreamAndAlwaysUsage()
    {
        var info = Dialect.Scan(Encoding.UTF8.GetBytes($$"""{"stream":true,"messages":[{{User}}],"max_tokens":9,"model":"claude"}"""), out var error);

        Assert.Null(error);
        Assert.Equal(new ChatRequestInfo("claude", true, true), info);
    }

    [Fact]
    public void Scan_MissingMaxTokens_MatchesAnthropicMessage()
    {
        var expected = System.Text.Json.JsonDocument.Parse(Fixture.Text("anthropic-error-400-missing-max-tokens.json")).RootElement;

        Assert.Null(Dialect.Scan(Encoding.UTF8.GetBytes($$"""{"model":"m","messages":[{{User}}]}"""), out var error));

        Assert.Equal(expected.GetProperty("error").GetProperty("message").GetString(), error!.Message);
        Assert.Equal((GatewayErrorKind.InvalidRequest, 400, "max_tokens"), (error.Kind, error.Status, error.Param));
    }

    [Theory]
    [InlineData("{\"model\":", null, "parsing the body")]
    [InlineData("[1]", null, "JSON object")]
    [InlineData("{\"max_tokens\":5,\"messages\":[USER]}", "model", "model: Field required")]
    [InlineData("{\"model\":\"m\",\"max_tokens\":0,\"messages\":[USER]}", "max_tokens", "max_tokens: Input should be greater than or equal to 1")]
    [InlineData("{\"model\":\"m\",\"max_tokens\":\"5\",\"messages\":[USER]}", "max_tokens", "max_tokens: Input should be a valid integer")]
    [InlineData("{\"model\":\"m\",\"max_tokens\":5}", "messages", "messages: Field required")]
    [InlineData("{\"model\":\"m\",\"max_tokens\":5,\"messages\":[]}", "messages", "messages: at least one message is required")]
    public void Scan_InvalidBody_NamesField(string body, string? param, string message) => AssertRejected(body, param, message, scan: true);

    [Theory]
    [InlineData("""[{"role":"system","content":"x"}]""", "messages[0].role", "messages.0.role: Input should be 'user' or 'assistant'")]
    [InlineData("""[USER,{"role":"tool","content":"x"}]""", "messages[1].role", "messages.1.role:")]
    [InlineData("""[{"role":"user"}]""", "messages[0].content", "messages.0.content: Field required")]
    [InlineData("""[{"role":"user","content":[]}]""", "messages[0]", "messages.0: all messages must have non-empty content")]
    [InlineData("""[USER,{"role":"assistant","content":[{"type":"video","url":"x"}]}]""", "messages[1].content[0].type", "messages.1.content.0.type: Input tag 'video'")]
    [InlineData("""[{"role":"user","content":[{"text":"x"}]}]""", "messages[0].content[0].type", "messages.0.content.0.type: Field required")]
    [InlineData("""[{"role":"user","content":[{"type":"text"}]}]""", "messages[0].content[0].text", "messages.0.content.0.text: Field required")]
    [InlineData("""[{"role":"user","content":[{"type":"tool_use","id":"t","name":"n","input":{}}]}]""", "messages[0].content[0].type", "only allowed in assistant")]
    [InlineData("""[USER,{"role":"assistant","content":[{"type":"tool_result","tool_use_id":"t"}]}]""", "messages[1].content[0].type", "only allowed in user")]
    [InlineData("""[USER,{"role":"assistant","content":[{"type":"tool_use","id":"t","name":"n","input":"{}"}]}]""", "messages[1].content[0].input", "valid dictionary")]
    [InlineData("""[{"role":"user","content":[{"type":"image"}]}]""", "messages[0].content[0].source", "messages.0.content.0.source: Field required")]
    [InlineData("""[{"role":"user","content":[{"type":"image","source":{"type":"file","file_id":"f"}}]}]""", "messages[0].content[0].source.type", "'base64' or 'url'")]
    [InlineData("""[{"role":"user","content":[{"type":"image","source":{"type":"base64","data":"x"}}]}]""", "messages[0].content[0].source.media_type", "Field required")]
    [InlineData("""[{"role":"user","content":[{"type":"tool_result","tool_use_id":"t","content":[{"type":"tool_use"}]}]}]""", "messages[0].content[0].content[0].type", "messages.0.content.0.content.0.type:")]
    public void Parse_InvalidMessages_NamesPath(string messages, string param, string message) =>
        AssertRejected($$"""{"model":"m","max_tokens":5,"messages":{{messages}}}""", param, message, scan: false);

    [Theory]
    [InlineData("\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\"}]", "tools[0].type", "not supported")]
    [InlineData("\"tools\":[{\"name\":\"f\"}]", "tools[0].input_schema", "tools.0.input_schema: Field required")]
    [InlineData("\"tools\":[{\"input_schema\":{}}]", "tools[0].name", "Field required")]
    [InlineData("\"tool_choice\":{\"type\":\"tool\"}", "tool_choice.name", "tool_choice.name: Field required")]
    [InlineData("\"tool_choice\":{\"type\":\"required\"}", "tool_choice.type", "'auto', 'any', 'tool' or 'none'")]
    [InlineData("\"temperature\":1.5", "temperature", "less than or equal to 1")]
    [InlineData("\"top_k\":-1", "top_k", "greater than or equal to 0")]
    [InlineData("\"stop_sequences\":[\"a\",1]", "stop_sequences[1]", "valid string")]
    [InlineData("\"system\":42", "system", "system:")]
    [InlineData("\"system\":[{\"type\":\"image\"}]", "system[0].type", "'text'")]
    [InlineData("\"thinking\":{\"type\":\"enabled\"}", "thinking.budget_tokens", "Field required")]
    public void Parse_InvalidSettings_NamesPath(string field, string param, string message) =>
        AssertRejected($$"""{"model":"m","max_tokens":5,"messages":[{{User}}],{{field}}}""", param, message, scan: false);

    [Theory]
    [InlineData("\"model\":\"m\\ud800\"")]
    [InlineData("\"metadata\":{\"user_id\":\"\\udc00\"}")]
    [InlineData("\"\\ud800\":1")]
    public void Parse_LoneSurrogateEscape_Returns400NotValidJson(string field) =>
        AssertRejected($$"""{"model":"m","max_tokens":5,"messages":[{{User}}],{{field}}}""", null, "not valid JSON", scan: true);

    [Theory]
    [InlineData("\"model\":\"m", "\"")]
    [InlineData("\"", "\":1")]
    public void Parse_TextNotUtf8_Returns400NotValidJson(string before, string after)
    {
        byte[] body = [.. Encoding.UTF8.GetBytes($$"""{"max_tokens":5,"messages":[{{User}}],"model":"m",{{before}}"""), 0xC3, 0x28, .. Encoding.UTF8.GetBytes(after + "}")];

        Assert.Null(Dialect.Scan(body, out var scanError));
        AssertError(scanError, null, "not valid JSON");
        Assert.Null(Dialect.Parse(body, out var error));
        AssertError(error, null, "not valid JSON");
    }

    [Theory]
    [InlineData("null")]
    [InlineData("5")]
    [InlineData("[{\"role\":\"user\",\"content\":\"first\"}]")]
    public void Parse_FieldGivenTwice_ReadsOnlyTheLastLikeTheScan(string first)
    {
        var body = $$"""{"messages":{{first}},"model":"m","max_tokens":5,"messages":[{"role":"user","content":"last"}],"max_tokens":7}""";

        var request = Dialect.Parse(Encoding.UTF8.GetBytes(body), out var error);

        Assert.Null(error);
        var message = Assert.Single(request!.Messages);
        Assert.Equal("last", message.Content.Single().Text);
        Assert.Equal(7, request.MaxTokens);
    }

    private static void AssertRejected(string body, string? param, string message, bool scan)
    {
        var bytes = Encoding.UTF8.GetBytes(body.Replace("USER", User, StringComparison.Ordinal));
        if (scan)
        {
            Assert.Null(Dialect.Scan(bytes, out var scanError));
            AssertError(scanError, param, message);
        }
        else
        {
            Assert.NotNull(Dialect.Scan(bytes, out _));
        }

        Assert.Null(Dialect.Parse(bytes, out var error));
        AssertError(error, param, message);
    }

    private static void AssertError(GatewayError? error, string? param, string message)
    {
        Assert.NotNull(error);
        Assert.Equal((GatewayErrorKind.InvalidRequest, 400), (error.Kind, error.Status));
        Assert.Equal(param, error.Param);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
