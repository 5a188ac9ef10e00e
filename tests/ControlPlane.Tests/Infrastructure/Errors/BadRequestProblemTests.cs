using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Switchyard.ControlPlane.Tests.Infrastructure.Errors;

/// <summary>
/// A body the endpoint cannot bind answers ProblemDetails saying what is wrong, in every environment (the test host runs
/// as "Testing": outside Development minimal APIs would answer an empty 400 or 415).
/// </summary>
public sealed class BadRequestProblemTests
{
    [Theory]
    [InlineData("{", "at $", "line 1")]
    [InlineData("{\"name\":}", "at $.name", "position 9")]
    [InlineData("{\"name\":5}", "wrong type", "at $.name")]
    [InlineData("[]", "wrong type", "at $")]
    public async Task Post_BodyNotBindable_400ProblemDetailsSayingWhereAndNoTypeNames(string body, string expected, string alsoExpected)
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");

        using var response = await host.Admin.PostAsync($"/api/tenants/{tenant.Id}/teams", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        var detail = problem["detail"]!.GetValue<string>();
        Assert.StartsWith("The request body is not valid JSON for this endpoint", detail, StringComparison.Ordinal);
        Assert.Contains(expected, detail, StringComparison.Ordinal);
        Assert.Contains(alsoExpected, detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Switchyard.", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_BodyWithoutJsonContentType_415ProblemDetails()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");

        using var response = await host.Admin.PostAsync($"/api/tenants/{tenant.Id}/teams", new StringContent("""{"name":"Search"}""", Encoding.UTF8, "text/plain"));

        var problem = await ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("Content-Type: application/json", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_PathThatTakesNoPut_405ProblemDetailsNamingTheAllowedMethods()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();

        using var response = await host.Admin.PutAsync("/api/tenants", new StringContent("{}", Encoding.UTF8, "application/json"));

        var problem = await ProblemAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.Contains("PUT is not allowed", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("POST", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static async Task<JsonNode> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.True(status == response.StatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()} {response.Content.Headers}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{response.StatusCode}: [{await response.Content.ReadAsStringAsync()}] {response.Content.Headers}");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
