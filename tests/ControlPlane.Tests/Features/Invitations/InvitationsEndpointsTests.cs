using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Tests.Features.Invitations;

public sealed class InvitationsEndpointsTests
{
    private const string Password = "a-long-enough-password";

    [Fact]
    public async Task Create_AnswersTokenOnceAndStoresOnlyItsHash()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");

        var created = await CreateAsync(host, tenant.Id, new CreateInvitationRequest("new@acme.test", MemberRole.Developer));
        var listed = await host.Admin.GetStringAsync($"/api/tenants/{tenant.Id}/invitations");

        Assert.Equal("/invite/" + created.Token, created.Path);
        Assert.Equal(created.Invitation.CreatedAt.AddDays(7), created.Invitation.ExpiresAt);
        Assert.Contains("new@acme.test", listed, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Token, listed, StringComparison.Ordinal);
        var stored = await host.WithDbAsync(db => db.Invitations.IgnoreQueryFilters().SingleAsync());
        Assert.NotEqual(created.Token, stored.TokenHash);
        Assert.Equal(64, stored.TokenHash.Length);
    }

    [Fact]
    public async Task Accept_CreatesMemberWithRoleAndTeamsAndSignsIn()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "search");
        var created = await CreateAsync(host, tenant.Id, new CreateInvitationRequest("new@acme.test", MemberRole.Finance, [new InvitationTeamDto(team.Id, TeamRole.TeamAdmin)]));

        var preview = await host.Anonymous.GetFromJsonAsync<InvitationPreviewDto>($"/api/invitations/{created.Token}", SwitchyardJson.Options);
        var accepted = await host.Anonymous.PostAsJsonAsync($"/api/invitations/{created.Token}/accept", new AcceptInvitationRequest(Password), SwitchyardJson.Options);

        Assert.Equal(("new@acme.test", "Acme", MemberRole.Finance, 12), (preview!.Email, preview.TenantName, preview.Role, preview.PasswordMinLength));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var login = (await accepted.Content.ReadFromJsonAsync<LoginResponse>(SwitchyardJson.Options))!;
        var me = (await host.CreateClient(login.AccessToken).GetFromJsonAsync<CurrentUserDto>("/api/me", SwitchyardJson.Options))!;
        Assert.Equal(MemberRole.Finance, me.Role);
        Assert.Equal(new MemberTeamDto(team.Id, "search", TeamRole.TeamAdmin), Assert.Single(me.Teams!));
        Assert.Equal(HttpStatusCode.OK, (await host.Anonymous.PostAsJsonAsync("/api/auth/login", new LoginRequest("new@acme.test", Password), SwitchyardJson.Options)).StatusCode);
        Assert.Equal("[]", await host.Admin.GetStringAsync($"/api/tenants/{tenant.Id}/invitations"));
    }

    [Fact]
    public async Task Accept_Twice_SecondIsGoneAsUsed()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var created = await CreateAsync(host, tenant.Id, new CreateInvitationRequest("new@acme.test", MemberRole.Developer));
        await host.Anonymous.PostAsJsonAsync($"/api/invitations/{created.Token}/accept", new AcceptInvitationRequest(Password), SwitchyardJson.Options);

        var again = await host.Anonymous.PostAsJsonAsync($"/api/invitations/{created.Token}/accept", new AcceptInvitationRequest(Password + "x"), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Contains("already used", await DetailAsync(again), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accept_Revoked_GoneAsWithdrawn()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var created = await CreateAsync(host, tenant.Id, new CreateInvitationRequest("new@acme.test", MemberRole.Developer));

        var revoked = await host.Admin.DeleteAsync($"/api/tenants/{tenant.Id}/invitations/{created.Invitation.Id}");
        var accept = await host.Anonymous.PostAsJsonAsync($"/api/invitations/{created.Token}/accept", new AcceptInvitationRequest(Password), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, accept.StatusCode);
        Assert.Contains("withdrawn", await DetailAsync(accept), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accept_AfterExpiry_GoneAsExpired()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        await using var host = await ControlPlaneTestHost.StartAsync(services: s => s.AddSingleton<TimeProvider>(time));
        var tenant = await host.CreateTenantAsync("Acme");
        var created = await CreateAsync(host, tenant.Id, new CreateInvitationRequest("new@acme.test", MemberRole.Developer, ExpiresInDays: 2));
        time.Advance(TimeSpan.FromDays(2));

        var accept = await host.Anonymous.PostAsJsonAsync($"/api/invitations/{created.Token}/accept", new AcceptInvitationRequest(Password), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.Gone, accept.StatusCode);
        Assert.Contains("expired", await DetailAsync(accept), StringComparison.Ordinal);
        Assert.Equal("[]", await host.Admin.GetStringAsync($"/api/tenants/{tenant.Id}/invitations"));
    }

    [Fact]
    public async Task Preview_UnknownToken_NotFound()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();

        var response = await host.Anonymous.GetAsync("/api/invitations/syi_not-a-real-token");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Accept_ShorterThanTenantPolicy_ValidationProblemNamesPasswordAndLinkStillWorks()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        await host.Admin.PatchAsJsonAsync($"/api/tenants/{tenant.Id}/settings", new UpdateTenantSettingsRequest(24), SwitchyardJson.Options);
        var created = await CreateAsync(host, tenant.Id, new CreateInvitationRequest("new@acme.test", MemberRole.Developer));

        var refused = await host.Anonymous.PostAsJsonAsync($"/api/invitations/{created.Token}/accept", new AcceptInvitationRequest(Password), SwitchyardJson.Options);
        var accepted = await host.Anonymous.PostAsJsonAsync($"/api/invitations/{created.Token}/accept", new AcceptInvitationRequest(Password + "-and-longer"), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("password", out _));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Accept_TenantRequiresTotp_AnswersEnrolmentStep()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        await host.Admin.PatchAsJsonAsync($"/api/tenants/{tenant.Id}/settings", new UpdateTenantSettingsRequest(RequireTotp: true), SwitchyardJson.Options);
        var created = await CreateAsync(host, tenant.Id, new CreateInvitationRequest("new@acme.test", MemberRole.Developer));

        var accepted = await host.Anonymous.PostAsJsonAsync($"/api/invitations/{created.Token}/accept", new AcceptInvitationRequest(Password), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(SignInSteps.TotpEnrolment, (await accepted.Content.ReadFromJsonAsync<SignInStepDto>(SwitchyardJson.Options))!.Step);
    }

    [Fact]
    public async Task Create_EmailHasAccount_Conflict()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        await host.MemberClientAsync(tenant.Id, "ann@acme.test", MemberRole.Developer);

        var response = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/invitations", new CreateInvitationRequest("ANN@acme.test", MemberRole.Developer), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Create_AgainForSameEmail_EarlierLinkStopsWorking()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var first = await CreateAsync(host, tenant.Id, new CreateInvitationRequest("new@acme.test", MemberRole.Developer));

        await CreateAsync(host, tenant.Id, new CreateInvitationRequest("new@acme.test", MemberRole.Finance));

        Assert.Equal(HttpStatusCode.Gone, (await host.Anonymous.GetAsync($"/api/invitations/{first.Token}")).StatusCode);
    }

    [Theory]
    [InlineData("teams")]
    [InlineData("role")]
    [InlineData("expiresInDays")]
    public async Task Create_Invalid_ValidationProblemNamesField(string field)
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var tenantAdmin = await host.MemberClientAsync(tenant.Id, "boss@acme.test", MemberRole.TenantAdmin);
        var request = field switch
        {
            "teams" => new CreateInvitationRequest("new@acme.test", MemberRole.Developer, [new InvitationTeamDto(Guid.NewGuid())]),
            "role" => new CreateInvitationRequest("new@acme.test", MemberRole.PlatformAdmin),
            _ => new CreateInvitationRequest("new@acme.test", MemberRole.Developer, ExpiresInDays: 31),
        };

        var response = await tenantAdmin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/invitations", request, SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Create_Developer_Forbidden()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("Acme");
        var developer = await host.MemberClientAsync(tenant.Id, "dev@acme.test", MemberRole.Developer);

        var response = await developer.PostAsJsonAsync($"/api/tenants/{tenant.Id}/invitations", new CreateInvitationRequest("new@acme.test", MemberRole.Developer), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static async Task<CreatedInvitationDto> CreateAsync(ControlPlaneTestHost host, Guid tenantId, CreateInvitationRequest request)
    {
        var response = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenantId}/invitations", request, SwitchyardJson.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CreatedInvitationDto>(SwitchyardJson.Options))!;
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
}
