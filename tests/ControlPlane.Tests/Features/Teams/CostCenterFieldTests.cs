using System.Net;
using System.Net.Http.Json;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Tests.Features.Teams;

public sealed class CostCenterFieldTests
{
    [Fact]
    public async Task CostCenter_CreateThenPatchThenRemove_StoredTrimmedAndCleared()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");

        var created = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/teams", new CreateTeamRequest("Search", CostCenter: " CC-4711 "), SwitchyardJson.Options);
        var team = (await created.Content.ReadFromJsonAsync<TeamDto>(SwitchyardJson.Options))!;
        var patched = await PatchAsync(host, tenant.Id, team.Id, new UpdateTeamRequest(CostCenter: "R&D EU/7"));
        var renamed = await PatchAsync(host, tenant.Id, team.Id, new UpdateTeamRequest(Name: "Search 2"));
        var cleared = await PatchAsync(host, tenant.Id, team.Id, new UpdateTeamRequest(CostCenter: ""));

        Assert.Equal("CC-4711", team.CostCenter);
        Assert.Equal(HttpStatusCode.BadRequest, patched.StatusCode); // '&' is not allowed
        Assert.Contains("\"costCenter\"", await patched.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("CC-4711", (await renamed.Content.ReadFromJsonAsync<TeamDto>(SwitchyardJson.Options))!.CostCenter);
        Assert.Null((await cleared.Content.ReadFromJsonAsync<TeamDto>(SwitchyardJson.Options))!.CostCenter);
    }

    [Theory]
    [InlineData("<script>")]
    [InlineData("=SUM(A1)")]
    [InlineData("a-cost-centre-name-that-is-much-longer-than-sixty-four-characters-allowed")]
    public async Task CostCenter_Invalid_ValidationProblemNamesTheField(string costCenter)
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");

        var response = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/teams", new CreateTeamRequest("Search", CostCenter: costCenter), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"costCenter\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> PatchAsync(ControlPlaneTestHost host, Guid tenantId, Guid teamId, UpdateTeamRequest request) =>
        host.Admin.PatchAsJsonAsync($"/api/tenants/{tenantId}/teams/{teamId}", request, SwitchyardJson.Options);
}
