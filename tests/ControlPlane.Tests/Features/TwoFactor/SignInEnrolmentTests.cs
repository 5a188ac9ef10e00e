using System.Net;
using System.Net.Http.Json;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Tests.Features.TwoFactor;

/// <summary>A tenant that requires TOTP: members without it enrol at their next sign-in before they get a session.</summary>
public sealed class SignInEnrolmentTests
{
    [Fact]
    public async Task Login_TenantRequiresTotp_AnswersEnrolmentStepNotSession()
    {
        await using var t = await TwoFactorTestHost.StartAsync();
        await t.Host.MemberClientAsync(t.Tenant.Id, "ann@acme.test", MemberRole.Developer);
        await t.SetSettingsAsync(new UpdateTenantSettingsRequest(RequireTotp: true));

        var step = await t.PasswordStepAsync("ann@acme.test");

        Assert.Equal(SignInSteps.TotpEnrolment, step.Step);
    }

    [Fact]
    public async Task Enrolment_StartAndConfirm_RecoveryCodesAndWorkingSession()
    {
        await using var t = await TwoFactorTestHost.StartAsync();
        await t.Host.MemberClientAsync(t.Tenant.Id, "ann@acme.test", MemberRole.Developer);
        await t.SetSettingsAsync(new UpdateTenantSettingsRequest(RequireTotp: true));
        var step = await t.PasswordStepAsync("ann@acme.test");

        var enrolment = await TwoFactorTestHost.ReadAsync<TotpEnrolmentDto>(
            await t.Host.Anonymous.PostAsJsonAsync("/api/auth/login/totp-enrolment", new SignInEnrolmentRequest(step.Challenge), SwitchyardJson.Options));
        var done = await TwoFactorTestHost.ReadAsync<SignInEnrolmentResponse>(
            await t.Host.Anonymous.PostAsJsonAsync(
                "/api/auth/login/totp-enrolment/confirm", new SignInEnrolmentRequest(enrolment.Challenge!, t.CodeNow(enrolment.SharedKey)), SwitchyardJson.Options));

        Assert.Equal(10, done.RecoveryCodes.Count);
        var status = await t.Host.CreateClient(done.Session.AccessToken).GetFromJsonAsync<TotpStatusDto>("/api/me/totp", SwitchyardJson.Options);
        Assert.True(status!.Enabled);
        Assert.True(status.Required);
        t.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(SignInSteps.Totp, (await t.PasswordStepAsync("ann@acme.test")).Step);
    }

    [Fact]
    public async Task Enrolment_PasswordChallengeAfterKeyWasIssued_Refused()
    {
        await using var t = await TwoFactorTestHost.StartAsync();
        await t.Host.MemberClientAsync(t.Tenant.Id, "ann@acme.test", MemberRole.Developer);
        await t.SetSettingsAsync(new UpdateTenantSettingsRequest(RequireTotp: true));
        var step = await t.PasswordStepAsync("ann@acme.test");
        var enrolment = await TwoFactorTestHost.ReadAsync<TotpEnrolmentDto>(
            await t.Host.Anonymous.PostAsJsonAsync("/api/auth/login/totp-enrolment", new SignInEnrolmentRequest(step.Challenge), SwitchyardJson.Options));

        var response = await t.Host.Anonymous.PostAsJsonAsync(
            "/api/auth/login/totp-enrolment/confirm", new SignInEnrolmentRequest(step.Challenge, t.CodeNow(enrolment.SharedKey)), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Enrolment_TotpChallengeUsedForEnrolment_Refused()
    {
        await using var t = await TwoFactorTestHost.StartAsync();
        await t.EnrolledMemberAsync("ann@acme.test");
        var step = await t.PasswordStepAsync("ann@acme.test");

        var response = await t.Host.Anonymous.PostAsJsonAsync("/api/auth/login/totp-enrolment", new SignInEnrolmentRequest(step.Challenge), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
