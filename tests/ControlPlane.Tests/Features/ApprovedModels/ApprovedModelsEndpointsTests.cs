using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Tests.Features.ApprovedModels;

public sealed class ApprovedModelsEndpointsTests
{
    [Fact]
    public async Task CreateRoute_NoApprovedModels_AnyModelAccepted()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");

        var response = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/routes",
            new RouteRequest("chat", [new DeploymentRequest(ProviderKinds.Mock, "anything")]), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task CreateRoute_ListNonEmpty_UnapprovedModelAndWrongRegionNamedField()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        (await host.Admin.PostAsJsonAsync("/api/platform/approved-models",
            new ApprovedModelRequest(ProviderKinds.Mock, "approved-eu", ["eu-west"]), SwitchyardJson.Options)).EnsureSuccessStatusCode();

        var unapproved = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/routes",
            new RouteRequest("chat", [new DeploymentRequest(ProviderKinds.Mock, "approved-eu", Region: "eu-west"), new DeploymentRequest(ProviderKinds.Mock, "rogue")]),
            SwitchyardJson.Options);
        var wrongRegion = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/routes",
            new RouteRequest("chat", [new DeploymentRequest(ProviderKinds.Mock, "approved-eu", Region: "us-east")]), SwitchyardJson.Options);
        var approved = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/routes",
            new RouteRequest("chat", [new DeploymentRequest(ProviderKinds.Mock, "approved-eu", Region: "eu-west")]), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, unapproved.StatusCode);
        Assert.True(Errors(await unapproved.Content.ReadAsStringAsync()).TryGetProperty("deployments[1].upstreamModel", out _));
        Assert.Equal(HttpStatusCode.BadRequest, wrongRegion.StatusCode);
        Assert.True(Errors(await wrongRegion.Content.ReadAsStringAsync()).TryGetProperty("deployments[0].region", out _));
        Assert.Equal(HttpStatusCode.Created, approved.StatusCode);
        var route = await approved.Content.ReadFromJsonAsync<RouteDto>(SwitchyardJson.Options);
        Assert.Equal("eu-west", Assert.Single(route!.Deployments).Region);
    }

    [Fact]
    public async Task CreateApprovedModel_PublishedInTheNodesSnapshot()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        await host.WaitUntilPublishedAsync();
        Assert.Null((await host.PublishedSnapshotAsync()).ApprovedModels);

        (await host.Admin.PostAsJsonAsync("/api/platform/approved-models",
            new ApprovedModelRequest(ProviderKinds.Mock, "approved-eu", ["eu-west"]), SwitchyardJson.Options)).EnsureSuccessStatusCode();
        await host.WaitUntilPublishedAsync();

        var approved = Assert.Single((await host.PublishedSnapshotAsync()).ApprovedModels!);
        Assert.Equal(new ApprovedModelSnapshot(ProviderKinds.Mock, "approved-eu", ["eu-west"]) with { Regions = approved.Regions }, approved);
        Assert.Equal(["eu-west"], approved.Regions);
    }

    [Fact]
    public async Task CreateApprovedModel_TenantAdmin_ForbiddenButMayList()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var admin = await host.MemberClientAsync(tenant.Id, "boss@acme.test", MemberRole.TenantAdmin);

        var create = await admin.PostAsJsonAsync("/api/platform/approved-models", new ApprovedModelRequest(ProviderKinds.Mock, "m"), SwitchyardJson.Options);
        var list = await admin.GetAsync("/api/platform/approved-models");

        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    private static JsonElement Errors(string body) => JsonDocument.Parse(body).RootElement.GetProperty("errors").Clone();
}
