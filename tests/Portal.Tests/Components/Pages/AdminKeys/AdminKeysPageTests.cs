using Bunit;
using AdminKeysPage = Switchyard.Portal.Components.Pages.AdminKeys.AdminKeys;
using Switchyard.Portal.Tests.Infrastructure;
using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Tests.Components.Pages.AdminKeys;

public sealed class AdminKeysPageTests : PortalTestContext
{
    [Fact]
    public void Render_TenantAdmin_ListsTheTenantsKeysOnly()
    {
        SignIn(MemberRole.TenantAdmin);
        Api.AddAdminKey(FakeControlPlaneClient.TenantId, "ci-deploy");
        Api.AddAdminKey(FakeControlPlaneClient.TenantId, "old-script", revoked: true);
        Api.AddAdminKey(null, "platform-ops", MemberRole.PlatformAdmin);

        var page = RenderPage<AdminKeysPage>();

        page.WaitForAssertion(() => Assert.Equal(
            ["ci-deploy", "old-script"], page.FindAll("[data-testid=admin-key-name]").Select(e => e.TextContent.Trim())));
        Assert.Empty(page.FindAll("[data-testid=platform-admin-keys]"));
        Assert.Single(page.FindAll("[data-testid=admin-key-revoke]"));
        Assert.StartsWith("Revoked", page.FindAll("[data-testid=admin-key-status]")[1].TextContent.Trim());
        Assert.Single(page.FindAll("h1"));
    }

    [Fact]
    public void Render_PlatformAdmin_ShowsTenantAndPlatformKeys()
    {
        SignIn(MemberRole.PlatformAdmin);
        Api.AddAdminKey(FakeControlPlaneClient.TenantId, "ci-deploy");
        Api.AddAdminKey(null, "platform-ops", MemberRole.PlatformAdmin);

        var page = RenderPage<AdminKeysPage>();

        page.WaitForAssertion(() => Assert.Contains("platform-ops", page.Find("[data-testid=platform-admin-keys]").TextContent));
        Assert.Contains("ci-deploy", page.Find("[data-testid=tenant-admin-keys]").TextContent);
        Assert.DoesNotContain("platform-ops", page.Find("[data-testid=tenant-admin-keys]").TextContent);
    }

    [Fact]
    public void Create_TenantKey_ShowsTheSecretOnceWithCopyAndDismiss()
    {
        SignIn(MemberRole.TenantAdmin);
        var page = RenderPage<AdminKeysPage>();

        page.WaitForElement("input[data-testid=tenant-admin-keys-name]").Input("ci-deploy");
        page.Pick("tenant-admin-keys-role", "Finance");
        page.Find("[data-testid=tenant-admin-keys-create]").Click();

        page.WaitForAssertion(() => Assert.Equal("sya_secret_ci-deploy", page.Find("input[data-testid=secret-value]").GetAttribute("value")));
        Assert.Single(page.FindAll("[data-testid=copy-secret]"));
        var (tenantId, request) = Api.CreatedAdminKeyRequests.Single();
        Assert.Equal(FakeControlPlaneClient.TenantId, tenantId);
        Assert.Equal(new CreateAdminKeyRequest("ci-deploy", MemberRole.Finance), request);
        Assert.Equal("ci-deploy", page.Find("[data-testid=admin-key-name]").TextContent.Trim());

        page.Find("[data-testid=dismiss-secret]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=secret-value]")));
        Assert.DoesNotContain("sya_secret_ci-deploy", page.Markup);
    }

    [Fact]
    public void Create_PlatformKey_SendsNoTenantAndNoRole()
    {
        SignIn(MemberRole.PlatformAdmin);
        var page = RenderPage<AdminKeysPage>();

        page.WaitForElement("input[data-testid=platform-admin-keys-name]").Input("ops");
        page.Find("[data-testid=platform-admin-keys-create]").Click();

        page.WaitForAssertion(() => Assert.Single(Api.CreatedAdminKeyRequests));
        Assert.Equal((null, new CreateAdminKeyRequest("ops")), Api.CreatedAdminKeyRequests.Single());
        Assert.Empty(page.FindAll("[data-testid=platform-admin-keys-role]"));
    }

    [Fact]
    public void Create_EmptyName_ShowsValidationAndDoesNotCallApi()
    {
        SignIn(MemberRole.TenantAdmin);
        var page = RenderPage<AdminKeysPage>();

        page.WaitForElement("[data-testid=tenant-admin-keys-create]").Click();

        page.WaitForAssertion(() => Assert.Equal("Enter a key name.", page.FieldError("tenant-admin-keys-name")));
        Assert.DoesNotContain(nameof(Api.CreateAdminKeyAsync), Api.Calls);
    }

    [Fact]
    public void Render_TenantAdmin_OffersOnlyRolesAKeyMayHave()
    {
        SignIn(MemberRole.TenantAdmin);
        var page = RenderPage<AdminKeysPage>();

        page.WaitForElement("[data-testid=tenant-admin-keys-role]");

        Assert.Equal(["Developer", "Finance", "Tenant admin"], page.Options("tenant-admin-keys-role"));
    }

    [Fact]
    public void Revoke_Confirmed_MarksTheKeyRevoked()
    {
        SignIn(MemberRole.TenantAdmin);
        var key = Api.AddAdminKey(FakeControlPlaneClient.TenantId, "ci-deploy");
        var page = RenderPage<AdminKeysPage>();

        page.WaitForElement("[data-testid=admin-key-revoke]").Click();
        page.WaitForElement("[data-testid=tenant-admin-keys-revoke-confirm]").Click();

        page.WaitForAssertion(() => Assert.StartsWith("Revoked", page.Find("[data-testid=admin-key-status]").TextContent.Trim()));
        Assert.NotNull(Api.AdminKeys.Single(k => k.Id == key.Id).RevokedAt);
        Assert.Empty(page.FindAll("[data-testid=admin-key-revoke]"));
    }
}
