using System.Net;
using System.Text.Json;

namespace Switchyard.ControlPlane.Tests.Features.Quotas;

/// <summary>The parts of a 409 quota ProblemDetails a client acts on.</summary>
internal sealed record QuotaProblem(string Title, string Quota, int Limit, string? Field, string Detail)
{
    public static async Task<QuotaProblem> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        return new QuotaProblem(
            root.GetProperty("title").GetString()!,
            root.GetProperty("quota").GetString()!,
            root.GetProperty("limit").GetInt32(),
            root.TryGetProperty("field", out var field) ? field.GetString() : null,
            root.GetProperty("detail").GetString()!);
    }
}
