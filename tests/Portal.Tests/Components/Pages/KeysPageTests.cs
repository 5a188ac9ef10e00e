using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Portal.Components.Pages.Keys;
using Switchyard.Portal.Tests.Infrastructure;
using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Tests.Components.Pages;

public sealed class KeysPageTests : PortalTestContext
{
    private readonly TeamDto _team;

    public KeysPageTests()
    {
        SignIn();
        _team = Api.AddTeam("Search");
        Api.AddKey(_team, "ci-bot", "sk-sy-abc", "gpt-4o-mini");
        Api.AddKey(Api.AddTeam("Zeta"), "other-team-key", "sk-sy-zzz");
        Api.Routes.Add(new RouteDto(Guid.NewGuid(), FakeControlPlaneClient.TenantId, "gpt-4o-mini", "weighted", []));
    }

    [Fact]
    public void Render_NoTeamChosen_OpensOnAllTeamsWithTheirNames()
    {
        var page = RenderKeysPage(allTeams: true);

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=key-name-cell]").Count));
        Assert.Equal(["Zeta", "Search"], page.FindAll("[data-testid=key-team-cell]").Select(c => c.TextContent.Trim()).Order().Reverse());
        Assert.True(page.Find("[data-testid=create-key]").HasAttribute("disabled"));
    }

    [Fact]
    public void Render_Finance_OffersNoKeyActions()
    {
        SignIn(MemberRole.Finance);

        var page = RenderKeysPage();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=key-name-cell]")));
        Assert.Empty(page.FindAll("[data-testid=create-key]"));
        Assert.Empty(page.FindAll("[data-testid=revoke-key]"));
        Assert.Empty(page.FindAll("[data-testid=rotate-key]"));
        Assert.Empty(page.FindAll("[data-testid=edit-key-tags-button]"));
    }

    [Fact]
    public void Rotate_Click_ShowsNewSecretOnceAndBothSecretsWithGraceExpiry()
    {
        var page = RenderKeysPage();
        page.WaitForElement("[data-testid=key-name-cell]");

        page.Find("[data-testid=rotate-key]").Click();

        var secret = page.WaitForElement("input[data-testid=key-secret]");
        Assert.Equal("sk-sy-rotated-secret-0123456789", secret.GetAttribute("value"));
        Assert.Contains("sk-sy-abc", page.Find("[data-testid=rotation-grace]").TextContent);
        Assert.Contains("2026-03-02 12:00", page.Find("[data-testid=rotation-grace]").TextContent);
        Assert.Contains("sk-sy-rot", page.Find("[data-testid=key-prefix-cell]").TextContent);
        Assert.Contains("sk-sy-abc", page.Find("[data-testid=key-previous-secret]").TextContent);
        Assert.Contains(nameof(Api.RotateKeyAsync), Api.Calls);
    }

    [Fact]
    public void Render_KeyExpiringSoon_ShowsReminder()
    {
        Api.Keys[0] = Api.Keys[0] with { ExpiresAt = FakeControlPlaneClient.Now.AddDays(3) };

        var page = RenderKeysPage();

        var reminder = page.WaitForElement("[data-testid=expiring-keys]");
        Assert.Contains("ci-bot", reminder.TextContent);
        Assert.Contains("2026-03-04", reminder.TextContent);
        Assert.DoesNotContain("other-team-key", reminder.TextContent);
    }

    [Fact]
    public void Render_KeyWithCreatorAndUse_ShowsCreatorAndLastUsed()
    {
        Api.Keys[0] = Api.Keys[0] with { CreatedBy = "admin-key:" + Guid.NewGuid(), LastUsedAt = FakeControlPlaneClient.Now.AddHours(-1) };

        var page = RenderKeysPage();

        page.WaitForAssertion(() => Assert.Contains("an admin key", page.Find("[data-testid=key-created-cell]").TextContent));
        Assert.Contains("2026-03-01 11:00", page.Find("[data-testid=key-last-used-cell]").TextContent);
    }

    [Fact]
    public void Render_KeyUsedThisMonth_ShowsItsRequestsAndCostFromTheMonthsStart()
    {
        Api.Spend["key"].Add(new SpendGroupDto(Api.Keys[0].Id.ToString(), "ci-bot", 1_250_000, 42, 1000, 500, 0, 0, 0, 0));

        var page = RenderKeysPage();

        page.WaitForAssertion(() => Assert.Equal("42 requests · $1.2500", page.Find("[data-testid=key-usage-cell]").TextContent.Trim()));
        var (from, to, groupBy) = Assert.Single(Api.SpendQueries);
        Assert.Equal((new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), FakeControlPlaneClient.Now, "key"), (from, to, groupBy));
    }

    [Fact]
    public void Render_TenantAheadOfUtcIntoNextMonth_CountsFromTheTenantsMonthStartAndNamesTheZone()
    {
        // 23:30 UTC on 31 March is 01:30 on 1 April in Berlin (summer time, UTC+2): the tenant's month began 90 minutes ago.
        var now = new DateTimeOffset(2026, 3, 31, 23, 30, 0, TimeSpan.Zero);
        ((FakeTimeProvider)Services.GetRequiredService<TimeProvider>()).SetUtcNow(now);
        Api.Tenant = Api.Tenant with { TimeZone = "Europe/Berlin" };

        var page = RenderKeysPage();

        page.WaitForAssertion(() => Assert.Single(Api.SpendQueries));
        Assert.Equal((new DateTimeOffset(2026, 3, 31, 22, 0, 0, TimeSpan.Zero), now, "key"), Api.SpendQueries[0]);
        page.WaitForAssertion(() => Assert.Equal("This month (Europe/Berlin)", page.Find("[data-testid=key-usage-header]").TextContent.Trim()));
    }

    [Fact]
    public void Render_FirstTeamSelected_ListsItsKeys()
    {
        var page = RenderKeysPage();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=key-name-cell]")));
        Assert.Equal("ci-bot", page.Find("[data-testid=key-name-cell]").TextContent.Trim());
        Assert.Contains("sk-sy-abc", page.Find("[data-testid=key-prefix-cell]").TextContent);
        Assert.Equal("Active", page.Find("[data-testid=key-status]").TextContent.Trim());
        Assert.Contains("gpt-4o-mini", page.Find("[data-testid=keys-table]").TextContent);
    }

    [Fact]
    public void CreateKey_ValidName_ShowsSecretOnceWithCopyButtonAndRefreshesList()
    {
        var page = RenderKeysPage();
        page.WaitForElement("[data-testid=key-name-cell]");
        var keyListsBefore = Api.Calls.Count(c => c == nameof(Api.GetKeysAsync));

        page.Find("[data-testid=create-key]").Click();
        var nameInput = page.WaitForElement("input[data-testid=key-name]");
        nameInput.Input("batch-jobs");
        page.Find("[data-testid=create-key-confirm]").Click();

        var secret = page.WaitForElement("input[data-testid=key-secret]");
        Assert.Equal("sk-sy-new-SECRET-0123456789", secret.GetAttribute("value"));
        Assert.True(secret.HasAttribute("readonly"));
        Assert.NotNull(page.Find("[data-testid=copy-secret]"));
        Assert.Contains("only time", page.Find("[data-testid=key-secret-panel]").TextContent);
        Assert.Equal("batch-jobs", Assert.Single(Api.CreatedKeyRequests).Name);
        Assert.Equal(_team.Id, Api.CreatedKeyRequests[0].TeamId);
        Assert.True(Api.Calls.Count(c => c == nameof(Api.GetKeysAsync)) > keyListsBefore);
        Assert.Contains(page.FindAll("[data-testid=key-name-cell]"), c => c.TextContent.Trim() == "batch-jobs");

        page.Find("[data-testid=dismiss-secret]").Click();
        Assert.Empty(page.FindAll("[data-testid=key-secret]"));
        Assert.DoesNotContain("SECRET", page.Markup);
    }

    [Fact]
    public void CreateKey_WithRateLimits_SendsThemAndLeavesEmptyOnesUnlimited()
    {
        var page = RenderKeysPage();
        page.WaitForElement("[data-testid=key-name-cell]");

        page.Find("[data-testid=create-key]").Click();
        page.WaitForElement("input[data-testid=key-name]").Input("limited");
        page.Find("input[data-testid=key-limits-rpm]").Input("60");
        page.Find("input[data-testid=key-limits-concurrent]").Input("2");
        page.Find("[data-testid=create-key-confirm]").Click();

        page.WaitForElement("input[data-testid=key-secret]");
        var limits = Assert.Single(Api.CreatedKeyRequests).Limits;
        Assert.NotNull(limits);
        Assert.Equal(60, limits.RequestsPerMinute);
        Assert.Equal(2, limits.MaxConcurrent);
        Assert.Null(limits.TokensPerMinute);
    }

    [Fact]
    public void CreateKey_NoRateLimits_SendsNone()
    {
        var page = RenderKeysPage();
        page.WaitForElement("[data-testid=key-name-cell]");

        page.Find("[data-testid=create-key]").Click();
        page.WaitForElement("input[data-testid=key-name]").Input("free");
        page.Find("[data-testid=create-key-confirm]").Click();

        page.WaitForElement("input[data-testid=key-secret]");
        Assert.Null(Assert.Single(Api.CreatedKeyRequests).Limits);
    }

    [Fact]
    public void CopySecret_Click_WritesSecretThroughClipboardModule()
    {
        var module = JSInterop.SetupModule("./" + Assets.Path("clipboard.js"));
        module.Setup<bool>("copyText", "sk-sy-new-SECRET-0123456789").SetResult(true);
        var page = RenderKeysPage();
        page.WaitForElement("[data-testid=key-name-cell]");
        page.Find("[data-testid=create-key]").Click();
        page.WaitForElement("input[data-testid=key-name]").Input("batch-jobs");
        page.Find("[data-testid=create-key-confirm]").Click();

        page.WaitForElement("[data-testid=copy-secret]").Click();

        page.WaitForAssertion(() => Assert.Single(module.VerifyInvoke("copyText").Arguments, "sk-sy-new-SECRET-0123456789"));
    }

    [Fact]
    public void CreateKey_WithTagsAndRequestTags_SendsThemAndShowsTheTags()
    {
        var page = RenderKeysPage();
        page.WaitForElement("[data-testid=key-name-cell]");

        page.Find("[data-testid=create-key]").Click();
        page.WaitForElement("input[data-testid=key-name]").Input("batch-jobs");
        page.Find("input[data-testid=key-tags]").Change("cost-center:4711, app:search,");
        Checkbox(page, "key-allow-request-tags").Change(true);
        page.Find("[data-testid=create-key-confirm]").Click();

        page.WaitForAssertion(() => Assert.Single(Api.CreatedKeyRequests));
        Assert.Equal(["cost-center:4711", "app:search"], Api.CreatedKeyRequests[0].Tags!);
        Assert.True(Api.CreatedKeyRequests[0].AllowRequestTags);
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-testid=key-tags-cell]"), c => c.TextContent.Contains("app:search")));
    }

    [Fact]
    public void EditTags_Saved_SendsTheTagsAndShowsThemInTheRow()
    {
        var page = RenderKeysPage();
        page.WaitForElement("[data-testid=edit-key-tags-button]").Click();

        page.WaitForElement("input[data-testid=edit-key-tags]").Change("team:search, batch");
        page.Find("[data-testid=edit-key-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("team:search", page.Find("[data-testid=key-tags-cell]").TextContent));
        var request = Assert.Single(Api.UpdatedKeyRequests);
        Assert.Equal(["team:search", "batch"], request.Tags!);
        Assert.Equal(false, request.AllowRequestTags);
    }

    [Fact]
    public void EditTags_ApiRejects_ShowsTheProblem()
    {
        Api.Failures[nameof(Api.UpdateKeyAsync)] = FakeControlPlaneClient.Problem("tags[0]: A tag is 'name' or 'name:value'.");
        var page = RenderKeysPage();
        page.WaitForElement("[data-testid=edit-key-tags-button]").Click();

        page.WaitForElement("input[data-testid=edit-key-tags]").Change("Bad Tag");
        page.Find("[data-testid=edit-key-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("A tag is", page.Find("[data-testid=error-alert]").TextContent));
    }

    private static AngleSharp.Dom.IElement Checkbox(IRenderedComponent<Bunit.Rendering.ContainerFragment> page, string testId)
    {
        var element = page.Find($"[data-testid={testId}]");
        return element.TagName == "INPUT" ? element : element.QuerySelector("input")!;
    }

    [Fact]
    public void CreateKey_EmptyName_ShowsValidationAndDoesNotCallApi()
    {
        var page = RenderKeysPage();
        page.WaitForElement("[data-testid=key-name-cell]");

        page.Find("[data-testid=create-key]").Click();
        page.WaitForElement("[data-testid=create-key-confirm]").Click();

        page.WaitForAssertion(() => Assert.Contains("Enter a name for the key.", page.Markup));
        Assert.Empty(Api.CreatedKeyRequests);
        Assert.Empty(page.FindAll("[data-testid=key-secret]"));
    }

    [Fact]
    public void CreateKey_ApiRejects_ShowsProblemMessageAndNoSecret()
    {
        Api.Failures[nameof(Api.CreateKeyAsync)] = FakeControlPlaneClient.Problem("A key named 'batch-jobs' already exists.");
        var page = RenderKeysPage();
        page.WaitForElement("[data-testid=key-name-cell]");

        page.Find("[data-testid=create-key]").Click();
        page.WaitForElement("input[data-testid=key-name]").Input("batch-jobs");
        page.Find("[data-testid=create-key-confirm]").Click();

        page.WaitForAssertion(() => Assert.Contains("A key named 'batch-jobs' already exists.", page.Find("[data-testid=error-alert]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=key-secret]"));
    }

    [Fact]
    public void Revoke_Confirmed_RowShowsRevokedAndButtonDisappears()
    {
        var page = RenderKeysPage();
        page.WaitForElement("[data-testid=revoke-key]").Click();

        page.WaitForElement("[data-testid=revoke-confirm]").Click();

        page.WaitForAssertion(() => Assert.Equal("Revoked", page.Find("[data-testid=key-status]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=revoke-key]"));
        Assert.Contains(nameof(Api.RevokeKeyAsync), Api.Calls);
    }

    [Fact]
    public void Revoke_Cancelled_KeyStaysActive()
    {
        var page = RenderKeysPage();
        page.WaitForElement("[data-testid=revoke-key]").Click();

        page.WaitForElement("[data-testid=revoke-cancel]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=revoke-confirm]")));
        Assert.Equal("Active", page.Find("[data-testid=key-status]").TextContent.Trim());
        Assert.DoesNotContain(nameof(Api.RevokeKeyAsync), Api.Calls);
    }

    [Fact]
    public void Render_ApiUnavailable_ShowsMessageInsteadOfCrashing()
    {
        Api.Failures[nameof(Api.GetTeamsAsync)] = FakeControlPlaneClient.Problem(
            "The control plane could not be reached; try again in a moment.", System.Net.HttpStatusCode.ServiceUnavailable);

        var page = RenderKeysPage();

        page.WaitForAssertion(() => Assert.Contains("could not be reached", page.Find("[data-testid=error-alert]").TextContent));
    }

    /// <summary>The Keys page opened on the Search team (<c>?team=</c>), or on all teams.</summary>
    private IRenderedComponent<Bunit.Rendering.ContainerFragment> RenderKeysPage(bool allTeams = false)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(allTeams ? "/keys" : $"/keys?team={_team.Id}");
        return RenderPage<Keys>();
    }
}
