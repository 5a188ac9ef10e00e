using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Tests.Features.Routes;

public sealed class FallbackReferencesTests
{
    [Fact]
    public async Task DeleteRoute_ListedAsFallback_ConflictNamingTheReferencingRoutesUntilRemovedThere()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var claude = await CreateAsync(host, tenant.Id, "claude");
        var gpt = await CreateAsync(host, tenant.Id, "gpt", fallbacks: ["claude"]);
        var mini = await CreateAsync(host, tenant.Id, "gpt-mini", contentPolicyFallbacks: ["claude"]);
        var path = $"/api/tenants/{tenant.Id}/routes";

        var blocked = await host.Admin.DeleteAsync($"{path}/{claude.Id}");
        var problem = await ProblemAsync(blocked);
        await host.Admin.PutAsJsonAsync($"{path}/{gpt.Id}", Request("gpt"), SwitchyardJson.Options);
        await host.Admin.DeleteAsync($"{path}/{mini.Id}");
        var deleted = await host.Admin.DeleteAsync($"{path}/{claude.Id}");

        Assert.Equal(HttpStatusCode.Conflict, blocked.StatusCode);
        Assert.Equal(["gpt", "gpt-mini"], problem.GetProperty("referencedBy").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("'gpt', 'gpt-mini'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [Fact]
    public async Task UpdateRoute_RenameOfARouteListedAsFallback_ConflictButOtherChangesSaved()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var claude = await CreateAsync(host, tenant.Id, "claude");
        await CreateAsync(host, tenant.Id, "gpt", contextWindowFallbacks: ["claude"]);
        var path = $"/api/tenants/{tenant.Id}/routes/{claude.Id}";

        var renamed = await host.Admin.PutAsJsonAsync(path, Request("claude-v2"), SwitchyardJson.Options);
        var problem = await ProblemAsync(renamed);
        var sticky = await host.Admin.PutAsJsonAsync(path, Request("claude") with { Sticky = true }, SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.Conflict, renamed.StatusCode);
        Assert.Equal(["gpt"], problem.GetProperty("referencedBy").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("renamed", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, sticky.StatusCode);
        Assert.Equal("claude", (await host.Admin.GetFromJsonAsync<RouteDto>(path, SwitchyardJson.Options))!.PublicModel);
    }

    [Fact]
    public async Task DeleteRoute_SameNameListedInAnotherTenant_Deleted()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var other = await host.CreateTenantAsync("Other");
        var claude = await CreateAsync(host, tenant.Id, "claude");
        await CreateAsync(host, other.Id, "claude");
        await CreateAsync(host, other.Id, "gpt", fallbacks: ["claude"]);

        var deleted = await host.Admin.DeleteAsync($"/api/tenants/{tenant.Id}/routes/{claude.Id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    private static RouteRequest Request(string model) => new(model, [new DeploymentRequest(ProviderKinds.Mock, "mock-" + model)]);

    private static Task<RouteDto> CreateAsync(
        ControlPlaneTestHost host, Guid tenantId, string model, string[]? fallbacks = null, string[]? contextWindowFallbacks = null, string[]? contentPolicyFallbacks = null) =>
        RouteValidatorTests.CreateAsync(host, tenantId, Request(model) with
        {
            Fallbacks = fallbacks, ContextWindowFallbacks = contextWindowFallbacks, ContentPolicyFallbacks = contentPolicyFallbacks,
        });

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.Clone();
    }
}
