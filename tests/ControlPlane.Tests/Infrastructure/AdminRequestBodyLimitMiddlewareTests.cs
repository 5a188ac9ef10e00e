using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Tests.Infrastructure;

public sealed class AdminRequestBodyLimitMiddlewareTests
{
    [Fact]
    public async Task Post_DeclaredLengthOverDefaultLimit_Answers413ProblemDetailsNamingTheSetting()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        var body = JsonSerializer.Serialize(new CreateKeyRequest(team.Id, "big", ManyModels(300 * 1024)), SwitchyardJson.Options);
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        var response = await host.Admin.PostAsync($"/api/tenants/{tenant.Id}/keys", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("AdminApi:MaxRequestBodyBytes", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await host.WithDbAsync(db => Task.FromResult(db.VirtualKeys.Count())));
    }

    [Fact]
    public async Task Post_StreamedBodyWithoutLengthOverLimit_Answers413()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");

        // JsonContent sends no Content-Length: the body is only known too large once read (the finding's 5 MB key).
        var response = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/keys", new CreateKeyRequest(team.Id, "big", ManyModels(5 * 1024 * 1024)), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await host.WithDbAsync(db => Task.FromResult(db.VirtualKeys.Count())));
    }

    [Fact]
    public async Task Post_StreamedBodyJustUnderConfiguredLimit_IsBoundAndHandled()
    {
        await using var host = await ControlPlaneTestHost.StartAsync(new Dictionary<string, string?> { ["AdminApi:MaxRequestBodyBytes"] = "4096" });
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        var request = new CreateKeyRequest(team.Id, "fits", ManyModels(3700, length: 40));
        Assert.InRange(JsonSerializer.SerializeToUtf8Bytes(request, SwitchyardJson.Options).Length, 3000, 4096);

        var response = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/keys", request, SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<CreatedKeyDto>(SwitchyardJson.Options))!;
        Assert.Equal(request.AllowedModels!.Count, created.Key.AllowedModels.Count);
    }

    [Fact]
    public async Task Post_OutsideTheAdminApi_KeepsTheServersOwnLimit()
    {
        await using var host = await ControlPlaneTestHost.StartAsync(map: app => app.MapPost("/v1/echo-length", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            return buffer.Length;
        }));
        using var content = new ByteArrayContent(new byte[1024 * 1024]);

        var response = await host.Anonymous.PostAsync("/v1/echo-length", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1048576", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Start_LimitOutOfRange_FailsNamingTheSetting()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            ControlPlaneTestHost.StartAsync(new Dictionary<string, string?> { ["AdminApi:MaxRequestBodyBytes"] = "10" }));

        Assert.Contains("AdminApi:MaxRequestBodyBytes", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>Distinct model names of <paramref name="length"/> characters adding up to about <paramref name="bytes"/> of JSON.</summary>
    private static string[] ManyModels(int bytes, int length = 16) =>
        Enumerable.Range(0, bytes / (length + 3)).Select(i => $"model-{i:D10}".PadRight(length, 'x')).ToArray();
}
