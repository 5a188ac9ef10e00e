using Switchyard.Testing.Scim;

namespace Switchyard.ControlPlane.Tests.Features.Scim;

/// <summary>A control plane with one tenant and a SCIM token for it.</summary>
internal static class ScimHosts
{
    public static async Task<ScimHarness> HarnessAsync(ControlPlaneTestHost host, string tenantName = "Contoso")
    {
        var tenant = await host.CreateTenantAsync(tenantName);
        var token = await ScimHarness.CreateTokenAsync(host.Admin, tenant.Id);
        return new ScimHarness(bearer => bearer is null ? host.Anonymous : host.CreateClient(bearer), host.Admin, host.Services, tenant.Id, token);
    }
}
