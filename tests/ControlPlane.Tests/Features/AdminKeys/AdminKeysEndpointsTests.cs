using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Keys;

namespace Switchyard.ControlPlane.Tests.Features.AdminKeys;

public sealed class AdminKeysEndpointsTests
{
    [Fact]
    public async Task CreateListRevoke_TenantAdmin_KeyShownOnceWorksUntilRevoked()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var admin = await host.MemberClientAsync(tenant.Id, "boss@acme.test", MemberRole.TenantAdmin);

        var response = await admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/admin-keys", new CreateAdminKeyRequest("ci", MemberRole.Developer), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<CreatedAdminKeyDto>(SwitchyardJson.Options))!;
        Assert.StartsWith("sk-sya-", created.Secret, StringComparison.Ordinal);
        Assert.Equal(VirtualKeyHash.DisplayPrefix(created.Secret), created.Key.Prefix);
        Assert.Equal((tenant.Id, MemberRole.Developer), (created.Key.TenantId!.Value, created.Key.Role));
        var stored = await host.WithDbAsync(db => db.AdminApiKeys.FindAsync(created.Key.Id).AsTask());
        Assert.Equal(VirtualKeyHash.Compute(created.Secret), stored!.Hash);

        var listJson = await admin.GetStringAsync($"/api/tenants/{tenant.Id}/admin-keys");
        Assert.DoesNotContain(created.Secret, listJson, StringComparison.Ordinal);
        Assert.DoesNotContain(stored.Hash, listJson, StringComparison.Ordinal);
        Assert.Equal(created.Key.Id, Assert.Single(JsonSerializer.Deserialize<AdminKeyDto[]>(listJson, SwitchyardJson.Options)!).Id);

        var automation = host.CreateClient(created.Secret);
        var me = await automation.GetFromJsonAsync<CurrentUserDto>("/api/me", SwitchyardJson.Options);
        Assert.Equal((tenant.Id, MemberRole.Developer), (me!.TenantId, me.Role));

        var revoked = await admin.DeleteAsync($"/api/tenants/{tenant.Id}/admin-keys/{created.Key.Id}");
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        var revokedAt = (await revoked.Content.ReadFromJsonAsync<AdminKeyDto>(SwitchyardJson.Options))!.RevokedAt;
        Assert.NotNull(revokedAt);
        Assert.Equal(HttpStatusCode.Unauthorized, (await automation.GetAsync("/api/me")).StatusCode);

        var again = await admin.DeleteAsync($"/api/tenants/{tenant.Id}/admin-keys/{created.Key.Id}");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(revokedAt, (await again.Content.ReadFromJsonAsync<AdminKeyDto>(SwitchyardJson.Options))!.RevokedAt);
    }

    [Fact]
    public async Task CreateAdminKey_DeveloperMember_Forbidden()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var developer = await host.MemberClientAsync(tenant.Id, "dev@acme.test", MemberRole.Developer);

        var create = await developer.PostAsJsonAsync($"/api/tenants/{tenant.Id}/admin-keys", new CreateAdminKeyRequest("ci", MemberRole.Developer), SwitchyardJson.Options);
        var list = await developer.GetAsync($"/api/tenants/{tenant.Id}/admin-keys");

        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal("application/problem+json", create.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
    }

    [Fact]
    public async Task CreateAdminKey_BlankNameAndPlatformRole_ValidationProblemNamesFields()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");

        var response = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/admin-keys", new CreateAdminKeyRequest(" ", MemberRole.PlatformAdmin), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = body.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("role", out _));
    }

    [Fact]
    public async Task RevokeAdminKey_KeyOfAnotherTenant_NotFoundAndStillWorks()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var a = await host.CreateTenantAsync("A");
        var b = await host.CreateTenantAsync("B");
        var keyOfB = (await (await host.Admin.PostAsJsonAsync($"/api/tenants/{b.Id}/admin-keys", new CreateAdminKeyRequest("b", MemberRole.TenantAdmin), SwitchyardJson.Options))
            .Content.ReadFromJsonAsync<CreatedAdminKeyDto>(SwitchyardJson.Options))!;
        var adminOfA = await host.MemberClientAsync(a.Id, "boss@a.test", MemberRole.TenantAdmin);

        Assert.Equal(HttpStatusCode.NotFound, (await adminOfA.DeleteAsync($"/api/tenants/{a.Id}/admin-keys/{keyOfB.Key.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adminOfA.DeleteAsync($"/api/tenants/{b.Id}/admin-keys/{keyOfB.Key.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adminOfA.GetAsync($"/api/tenants/{b.Id}/admin-keys")).StatusCode);
        var keyClient = host.CreateClient(keyOfB.Secret);
        Assert.Equal(HttpStatusCode.OK, (await keyClient.GetAsync($"/api/tenants/{b.Id}/teams")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await keyClient.GetAsync($"/api/tenants/{a.Id}/teams")).StatusCode);
    }

    [Fact]
    public async Task PlatformAdminKeys_CreateListRevoke_NewKeyWorksUntilRevoked()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();

        var response = await host.Admin.PostAsJsonAsync("/api/admin-keys", new CreateAdminKeyRequest("terraform"), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<CreatedAdminKeyDto>(SwitchyardJson.Options))!;
        Assert.Null(created.Key.TenantId);
        Assert.Equal(MemberRole.PlatformAdmin, created.Key.Role);
        var platformKey = host.CreateClient(created.Secret);
        Assert.Equal(HttpStatusCode.Created, (await platformKey.PostAsJsonAsync("/api/tenants", new CreateTenantRequest("Acme"), SwitchyardJson.Options)).StatusCode);
        var listed = await host.Admin.GetFromJsonAsync<AdminKeyDto[]>("/api/admin-keys", SwitchyardJson.Options);
        Assert.Equal(2, listed!.Length);
        Assert.All(listed, k => Assert.Null(k.TenantId));

        Assert.Equal(HttpStatusCode.OK, (await host.Admin.DeleteAsync($"/api/admin-keys/{created.Key.Id}")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await platformKey.GetAsync("/api/tenants")).StatusCode);
    }

    [Fact]
    public async Task PlatformAdminKeys_TenantAdminMemberAndTenantKey_Forbidden()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var admin = await host.MemberClientAsync(tenant.Id, "boss@acme.test", MemberRole.TenantAdmin);
        var tenantKey = (await (await admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/admin-keys", new CreateAdminKeyRequest("ci", MemberRole.TenantAdmin), SwitchyardJson.Options))
            .Content.ReadFromJsonAsync<CreatedAdminKeyDto>(SwitchyardJson.Options))!;
        var bootstrapId = (await host.Admin.GetFromJsonAsync<AdminKeyDto[]>("/api/admin-keys", SwitchyardJson.Options))!.Single().Id;

        foreach (var client in new[] { admin, host.CreateClient(tenantKey.Secret) })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/admin-keys")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/admin-keys", new CreateAdminKeyRequest("x"), SwitchyardJson.Options)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.DeleteAsync($"/api/admin-keys/{bootstrapId}")).StatusCode);
        }
    }

    [Fact]
    public async Task RevokePlatformAdminKey_LastActiveKey_ConflictUntilAnotherExists()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var bootstrapId = (await host.Admin.GetFromJsonAsync<AdminKeyDto[]>("/api/admin-keys", SwitchyardJson.Options))!.Single().Id;

        var refused = await host.Admin.DeleteAsync($"/api/admin-keys/{bootstrapId}");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        using (var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()))
        {
            Assert.Contains("last active platform admin key", body.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, (await host.Admin.GetAsync("/api/admin-keys")).StatusCode);
        var replacement = (await (await host.Admin.PostAsJsonAsync("/api/admin-keys", new CreateAdminKeyRequest("replacement"), SwitchyardJson.Options))
            .Content.ReadFromJsonAsync<CreatedAdminKeyDto>(SwitchyardJson.Options))!;
        Assert.Equal(HttpStatusCode.OK, (await host.Admin.DeleteAsync($"/api/admin-keys/{bootstrapId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Admin.GetAsync("/api/admin-keys")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await host.CreateClient(replacement.Secret).DeleteAsync($"/api/admin-keys/{replacement.Key.Id}")).StatusCode);
    }

    [Fact]
    public async Task CreatePlatformAdminKey_TenantRole_ValidationProblemNamesRole()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();

        var response = await host.Admin.PostAsJsonAsync("/api/admin-keys", new CreateAdminKeyRequest("x", MemberRole.Developer), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.GetProperty("errors").TryGetProperty("role", out _));
    }
}
