using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchyard.DataPlane.Dialects.OpenAI;

namespace Switchyard.DataPlane.Tests.Dialects.OpenAI;

public class OpenAIErrorTests
{
    [Fact]
    public void Serialize_WithNulls_HasExactlyTheFourOpenAIMembers()
    {
        using var doc = JsonDocument.Parse(OpenAIError.Serialize("Bad \"thing\"", "invalid_request_error", null, null));

        var error = doc.RootElement.GetProperty("error");
        Assert.Single(doc.RootElement.EnumerateObject());
        Assert.Equal(["message", "type", "param", "code"], error.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Bad \"thing\"", error.GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
        Assert.Equal(JsonValueKind.Null, error.GetProperty("code").ValueKind);
    }

    [Fact]
    public async Task WriteAsync_SetsStatusContentTypeAndBody()
    {
        var context = new DefaultHttpContext();
        var body = new MemoryStream();
        context.Response.Body = body;

        await OpenAIError.WriteAsync(context, 404, "nope", "invalid_request_error", "model", "model_not_found");

        Assert.Equal(404, context.Response.StatusCode);
        Assert.Equal("application/json", context.Response.ContentType);
        using var doc = JsonDocument.Parse(body.ToArray());
        Assert.Equal("model_not_found", doc.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("model", doc.RootElement.GetProperty("error").GetProperty("param").GetString());
    }
}
