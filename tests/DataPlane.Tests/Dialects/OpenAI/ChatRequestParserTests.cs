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

    private static ChatRequestInfo? Parse(string body, out string? error, out string? param) =>
        ChatRequestParser.Parse(Encoding.UTF8.GetBytes(body), out error, out param);
}
