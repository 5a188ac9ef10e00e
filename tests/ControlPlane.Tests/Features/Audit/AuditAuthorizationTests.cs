using System.Net;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Tests.Features.Audit;

/// <summary>The audit log is for auditors and administrators; auditors read it and nothing else.</summary>
public sealed class AuditAuthorizationTests
{
    [Fact]
    public async Task Auditor_ReadsAuditLogButNotKeysOrUsage()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("acme");
        using var auditor = await host.MemberClientAsync(tenant.Id, "auditor@acme.test", MemberRole.Auditor);

        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync($"/api/tenants/{tenant.Id}/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync($"/api/tenants/{tenant.Id}/audit/verify")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync($"/api/tenants/{tenant.Id}/audit/export?format=csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync($"/api/tenants/{tenant.Id}/keys")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync($"/api/tenants/{tenant.Id}/usage")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.DeleteAsync($"/api/tenants/{tenant.Id}/audit/key")).StatusCode);
    }

    [Theory]
    [InlineData(MemberRole.Developer)]
    [InlineData(MemberRole.Finance)]
    public async Task NonAuditor_AuditLogForbidden(MemberRole role)
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("acme");
        using var member = await host.MemberClientAsync(tenant.Id, "member@acme.test", role);

        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync($"/api/tenants/{tenant.Id}/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync($"/api/tenants/{tenant.Id}/audit/verify")).StatusCode);
    }

    [Fact]
    public async Task Auditor_OtherTenantsLog_NotFound()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("acme");
        var other = await host.CreateTenantAsync("globex");
        using var auditor = await host.MemberClientAsync(tenant.Id, "auditor@acme.test", MemberRole.Auditor);

        Assert.Equal(HttpStatusCode.NotFound, (await auditor.GetAsync($"/api/tenants/{other.Id}/audit")).StatusCode);
    }
}
