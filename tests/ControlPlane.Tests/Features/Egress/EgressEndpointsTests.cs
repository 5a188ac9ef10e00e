using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Tests.Features.Egress;

public sealed class EgressEndpointsTests
{
    private const string Path = "/api/platform/egress";

    [Fact]
    public async Task Get_NeverSet_EmptyLists()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();

        var policy = await host.Admin.GetFromJsonAsync<EgressPolicyDto>(Path, SwitchyardJson.Options);

        Assert.Equal((0, 0), (policy!.AllowedHosts.Count, policy.AllowedNetworks.Count));
    }

    [Theory]
    [InlineData(MemberRole.TenantAdmin)]
    [InlineData(MemberRole.Developer)]
    public async Task GetAndPut_TenantMember_Forbidden(MemberRole role)
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var member = await host.MemberClientAsync(tenant.Id, "someone@acme.test", role);

        var get = await member.GetAsync(Path);
        var put = await member.PutAsJsonAsync(Path, new EgressPolicyRequest(["vllm.internal"], ["0.0.0.0/0"]), SwitchyardJson.Options);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (get.StatusCode, put.StatusCode));
        var policy = await host.Admin.GetFromJsonAsync<EgressPolicyDto>(Path, SwitchyardJson.Options);
        Assert.Empty(policy!.AllowedNetworks);
    }

    [Fact]
    public async Task Put_InvalidEntries_ValidationProblemNamesEachEntry()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();

        var response = await host.Admin.PutAsJsonAsync(Path,
            new EgressPolicyRequest(["vllm.internal", "127.0.0.1"], ["10.0.0.0/8", "10.0.0.5/8", "2130706433/32"]), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = body.RootElement.GetProperty("errors");
        Assert.Equal(["allowedHosts[1]", "allowedNetworks[1]", "allowedNetworks[2]"],
            errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Contains("10.0.0.0/8", errors.GetProperty("allowedNetworks[1]")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_ValidLists_StoredNormalisedBumpsRevisionOnceAndReachesTheSnapshot()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var before = await RevisionAsync(host);
        var request = new EgressPolicyRequest(["VLLM.internal.", "*.models.corp"], ["192.168.10.0/24", "10.1.2.3", "192.168.10.0/24"]);

        var response = await host.Admin.PutAsJsonAsync(Path, request, SwitchyardJson.Options);
        var again = await host.Admin.PutAsJsonAsync(Path, request, SwitchyardJson.Options);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (response.StatusCode, again.StatusCode));
        var policy = await host.Admin.GetFromJsonAsync<EgressPolicyDto>(Path, SwitchyardJson.Options);
        Assert.Equal(["*.models.corp", "vllm.internal"], policy!.AllowedHosts);
        Assert.Equal(["10.1.2.3/32", "192.168.10.0/24"], policy.AllowedNetworks);
        Assert.StartsWith("admin-key:", policy.UpdatedBy, StringComparison.Ordinal);
        Assert.Equal(before + 1, await RevisionAsync(host));

        var snapshot = await host.CreateClient(ControlPlaneTestHost.NodeSecret)
            .GetFromJsonAsync<ConfigSnapshot>(InternalRoutes.Snapshot, SwitchyardJson.Options);
        Assert.Equal(["*.models.corp", "vllm.internal"], snapshot!.Egress!.AllowedHosts);
        Assert.Equal(["10.1.2.3/32", "192.168.10.0/24"], snapshot.Egress.AllowedNetworks);
    }

    [Fact]
    public async Task CreateRoute_LoopbackBaseUrl_RefusedUntilAPlatformAdminAllowsIt()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var tenantAdmin = await host.MemberClientAsync(tenant.Id, "boss@acme.test", MemberRole.TenantAdmin);
        var route = new RouteRequest("local", [new DeploymentRequest(ProviderKinds.Vllm, "llama", "http://[::ffff:127.0.0.1]:8000/v1")]);

        var refused = await tenantAdmin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/routes", route, SwitchyardJson.Options);
        (await host.Admin.PutAsJsonAsync(Path, new EgressPolicyRequest([], ["127.0.0.1/32"]), SwitchyardJson.Options)).EnsureSuccessStatusCode();
        var created = await tenantAdmin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/routes", route, SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        using var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        var message = body.RootElement.GetProperty("errors").GetProperty("deployments[0].baseUrl")[0].GetString();
        Assert.Contains("127.0.0.1 is not a public address (loopback)", message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Fact]
    public async Task CreateRoute_NetworkAllowedByConfiguration_Created()
    {
        await using var host = await ControlPlaneTestHost.StartAsync(new Dictionary<string, string?> { ["Egress:AllowedNetworks:0"] = "10.20.0.0/16" });
        var tenant = await host.CreateTenantAsync("Acme");

        var created = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/routes",
            new RouteRequest("vllm", [new DeploymentRequest(ProviderKinds.Vllm, "llama", "http://10.20.0.7:8000/v1")]), SwitchyardJson.Options);
        var refused = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/routes",
            new RouteRequest("vllm2", [new DeploymentRequest(ProviderKinds.Vllm, "llama", "http://10.21.0.7:8000/v1")]), SwitchyardJson.Options);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.BadRequest), (created.StatusCode, refused.StatusCode));
    }

    [Fact]
    public async Task Start_InvalidEgressSetting_FailsNamingIt()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() =>
            ControlPlaneTestHost.StartAsync(new Dictionary<string, string?> { ["Egress:AllowedNetworks:0"] = "10.20.0.0/33" }));

        Assert.Contains("Egress:AllowedNetworks:0", error.Message, StringComparison.Ordinal);
    }

    private static async Task<long> RevisionAsync(ControlPlaneTestHost host) =>
        (await host.Admin.GetFromJsonAsync<ConfigRevisionDto>("/api/config/revision", SwitchyardJson.Options))!.Revision;
}
