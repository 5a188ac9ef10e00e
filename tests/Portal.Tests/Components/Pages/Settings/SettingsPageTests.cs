using Bunit;
using Switchyard.Portal.Tests.Infrastructure;
using Switchyard.Shared.Admin;
using SettingsPage = Switchyard.Portal.Components.Pages.Settings.Settings;

namespace Switchyard.Portal.Tests.Components.Pages.Settings;

public sealed class SettingsPageTests : PortalTestContext
{
    [Fact]
    public void Render_TenantAdmin_ShowsCurrentValuesAndIdentityProviderLinks()
    {
        SignIn(MemberRole.TenantAdmin);
        Api.Tenant = Api.Tenant with { TimeZone = "Europe/Berlin" };
        Api.TenantSettings = new TenantSettingsDto(16, true);

        var page = RenderPage<SettingsPage>();

        page.WaitForAssertion(() => Assert.Equal("Europe/Berlin", page.Find("#settings-time-zone").GetAttribute("value")));
        Assert.Equal("16", page.Find("#settings-password-length").GetAttribute("value"));
        var requireTotp = page.Find("input[data-testid=settings-require-totp]");
        Assert.True(requireTotp.HasAttribute("checked") || requireTotp.GetAttribute("aria-checked") == "true");
        Assert.Equal("settings/sso", page.Find("[data-testid=settings-sso-link]").GetAttribute("href"));
        Assert.Equal("settings/scim", page.Find("[data-testid=settings-scim-link]").GetAttribute("href"));
        Assert.Single(page.FindAll("h1"));
    }

    [Fact]
    public void Save_ChangedPolicyAndZone_SendsBoth()
    {
        SignIn(MemberRole.TenantAdmin);
        var page = RenderPage<SettingsPage>();

        page.WaitForElement("#settings-time-zone").Change("Europe/Paris");
        page.Find("#settings-password-length").Change("20");
        page.Find("input[data-testid=settings-require-totp]").Change(true);
        page.Find("[data-testid=settings-save]").Click();

        page.WaitForAssertion(() => Assert.Equal(new UpdateTenantSettingsRequest(20, true), Api.SettingsUpdates.Single()));
        Assert.Equal("Europe/Paris", Api.UpdatedTenantRequests.Single().TimeZone);
    }

    [Fact]
    public void Save_NothingChanged_SendsNothing()
    {
        SignIn(MemberRole.TenantAdmin);
        var page = RenderPage<SettingsPage>();

        page.WaitForElement("[data-testid=settings-save]").Click();

        Assert.Empty(Api.SettingsUpdates);
        Assert.Empty(Api.UpdatedTenantRequests);
    }

    [Fact]
    public void Save_Refused_ShowsTheApisMessage()
    {
        SignIn(MemberRole.TenantAdmin);
        Api.Failures[nameof(Switchyard.Portal.Services.IControlPlaneClient.UpdateTenantSettingsAsync)] =
            FakeControlPlaneClient.Problem("The passwordMinLength field must be between 12 and 128.");
        var page = RenderPage<SettingsPage>();

        page.WaitForElement("#settings-password-length").Change("20");
        page.Find("[data-testid=settings-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("between 12 and 128", page.Markup, StringComparison.Ordinal));
    }
}
