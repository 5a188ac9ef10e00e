using System.Text;
using Switchyard.DataPlane.Dialects;
using Switchyard.DataPlane.Dialects.OpenAI;

namespace Switchyard.DataPlane.Tests.Dialects.OpenAI;

public class ChatRequestParserTests
{
    [Fact]
    public void Parse_StreamWithIncludeUsage_ExtractsEverything()
    {
        var info = Parse("""{"messages":[{"role":"user","content":"hi"}],"model":"gpt","stream":true,"stream_options":{"include_usage":true}}""", out _, out _);

        Assert.Equal(new ChatRequestInfo("gpt", true, true), info);
    }

    [Theory]
    [InlineData("{\"model\":", null)]
    [InlineData("[]", null)]
    [InlineData("{\"model\":\"x\"} trailing", null)]
    [InlineData("{\"messages\":[{}]}", "model")]
    [InlineData("{\"model\":\"\",\"messages\":[{}]}", "model")]
    [InlineData("{\"model\":\"x\"}", "messages")]
    [InlineData("{\"model\":\"x\",\"messages\":[]}", "messages")]
    public void Parse_InvalidBody_ReturnsErrorAndParam(string body, string? expectedParam)
    {
        var info = Parse(body, out var error, out var param);

        Assert.Null(info);
        Assert.NotNull(error);
        Assert.Equal(expectedParam, param);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xC0, 0x80 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    public void Parse_ModelNotUtf8_ReturnsInvalidJsonInsteadOfThrowing(byte[] bad)
    {
        byte[] body = [.. "{\"model\":\"gpt"u8, .. bad, .. "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"u8];

        var info = ChatRequestParser.Parse(body, out var error, out var param, out _);

        Assert.Null(info);
        Assert.StartsWith("We could not parse the JSON body", error, StringComparison.Ordinal);
        Assert.Null(param);
    }

    [Theory]
    [InlineData("\"\\ud800\"")]
    [InlineData("\"x\\udc00\"")]
    [InlineData("\"\\ud83d\\u0041\"")]
    public void Parse_LoneSurrogateEscape_ReturnsInvalidJsonInsteadOfThrowing(string model)
    {
        var info = Parse($$"""{"model":{{model}},"messages":[{"role":"user","content":"hi"}]}""", out var error, out var param);

        Assert.Null(info);
        Assert.StartsWith("We could not parse the JSON body", error, StringComparison.Ordinal);
        Assert.Null(param);
    }

    [Fact]
    public void Parse_PairedSurrogateEscapes_AreAccepted()
    {
        var info = Parse("""{"model":"m\ud83d\ude00","messages":[{"role":"user","content":"\\ud800 is text here"}]}""", out var error, out _);

        Assert.Null(error);
        Assert.Equal("m\U0001F600", info?.Model);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{\"a\":1}")]
    public void Parse_StreamIsAContainer_LeavesTheTypeErrorToTheFullParse(string stream)
    {
        var info = Parse($$"""{"stream":{{stream}},"model":"gpt","messages":[{"role":"user","content":"hi"}]}""", out var error, out _);

        Assert.Null(error);
        Assert.Equal(new ChatRequestInfo("gpt", false, false), info);
    }

    private static ChatRequestInfo? Parse(string body, out string? error, out string? param) =>
        ChatRequestParser.Parse(Encoding.UTF8.GetBytes(body), out error, out param, out _);

    [Theory]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"hi"}]}""", false, false, false, null, false)]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"hi"}]}],"tools":[]}""", false, false, false, null, false)]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"hi"},{"type":"image_url","image_url":{"url":"https://x/y.png"}}]}]}""", false, true, false, null, false)]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"f"}}]}""", true, false, false, null, false)]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"hi"}],"response_format":{"type":"json_schema","json_schema":{"name":"s","schema":{}}}}""", false, false, true, null, false)]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"hi"}],"response_format":{"type":"json_object"}}""", false, false, false, null, false)]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"hi"}],"max_completion_tokens":300}""", false, false, false, 300L, false)]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"hi"}],"max_tokens":null}""", false, false, false, null, false)]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"hi"}],"max_tokens":10,"max_completion_tokens":20}""", false, false, false, 20L, true)]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"hi"}],"max_tokens":"ten"}""", false, false, false, null, true)]
    public void Parse_Body_ReportsTheFeaturesTheModelMustServe(string body, bool tools, bool media, bool jsonSchema, long? maxTokens, bool unclear)
    {
        var info = ChatRequestParser.Parse(Encoding.UTF8.GetBytes(body), out var error, out _, out _);

        Assert.Null(error);
        Assert.Equal(new RequestFeatures(tools, media, jsonSchema, maxTokens, unclear), info!.Value.Features);
    }
}
