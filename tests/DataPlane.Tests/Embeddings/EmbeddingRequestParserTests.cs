using System.Text;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Embeddings;

namespace Switchyard.DataPlane.Tests.Embeddings;

public class EmbeddingRequestParserTests
{
    [Theory]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("1")]
    [InlineData("true")]
    public void Parse_EncodingFormatNotAString_Returns400(string format)
    {
        var error = Reject($$"""{"model":"m","input":"hi","encoding_format":{{format}}}""");

        Assert.Equal("encoding_format", error.Param);
        Assert.Equal("invalid_value", error.Code);
    }

    [Theory]
    [InlineData("\"8\"")]
    [InlineData("[8]")]
    [InlineData("true")]
    [InlineData("0")]
    [InlineData("8.5")]
    public void Parse_DimensionsNotAPositiveInteger_Returns400(string dimensions)
    {
        var error = Reject($$"""{"model":"m","input":"hi","dimensions":{{dimensions}}}""");

        Assert.Equal("dimensions", error.Param);
        Assert.Equal("invalid_value", error.Code);
    }

    [Theory]
    [InlineData("""{"model":"m","input":"hi"} {""")]
    [InlineData("""{"model":"m","input":"hi"}]""")]
    [InlineData("""{"model":"m","input":"hi"}{"model":"n","input":"x"}""")]
    public void Parse_DataAfterTheJsonValue_Returns400(string body)
    {
        var error = Reject(body);

        Assert.Equal("invalid_json", error.Code);
        Assert.Null(error.Param);
    }

    [Fact]
    public void Parse_InputNotUtf8_Returns400InsteadOfThrowing()
    {
        byte[] body = [.. "{\"model\":\"m\",\"input\":[\"a"u8, 0xFF, .. "\"]}"u8];

        Assert.Null(EmbeddingRequestParser.Parse(body, out var error));

        Assert.Equal((400, "invalid_json"), (error!.Status, error.Code));
    }

    [Fact]
    public void Parse_ModelWithLoneSurrogate_Returns400InsteadOfThrowing()
    {
        var error = Reject("""{"model":"m\udfff","input":"a"}""");

        Assert.Equal("invalid_json", error.Code);
    }

    [Fact]
    public void Parse_ValidBodyWithTrailingWhitespace_IsAccepted()
    {
        var request = EmbeddingRequestParser.Parse("{\"model\":\"m\",\"input\":[\"a\",\"b\"],\"encoding_format\":\"base64\"} \n"u8, out var error);

        Assert.Null(error);
        Assert.Equal(["a", "b"], request!.Inputs);
        Assert.True(request.Base64);
    }

    private static GatewayError Reject(string body)
    {
        Assert.Null(EmbeddingRequestParser.Parse(Encoding.UTF8.GetBytes(body), out var error));
        Assert.Equal((GatewayErrorKind.InvalidRequest, 400), (error!.Kind, error.Status));
        return error;
    }
}
