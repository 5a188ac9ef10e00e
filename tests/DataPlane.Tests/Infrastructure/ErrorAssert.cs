using System.Net;
using System.Text.Json;

namespace Switchyard.DataPlane.Tests.Infrastructure;

/// <summary>Asserts an OpenAI-shaped error response.</summary>
internal static class ErrorAssert
{
    public static async Task<JsonElement> IsOpenAIErrorAsync(HttpResponseMessage response, HttpStatusCode status, string? code)
    {
        Assert.Equal(status, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var error = JsonDocument.Parse(text).RootElement.GetProperty("error");
        Assert.Equal(JsonValueKind.String, error.GetProperty("message").ValueKind);
        Assert.Equal(JsonValueKind.String, error.GetProperty("type").ValueKind);
        Assert.True(error.TryGetProperty("param", out _));
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        return error;
    }
}
