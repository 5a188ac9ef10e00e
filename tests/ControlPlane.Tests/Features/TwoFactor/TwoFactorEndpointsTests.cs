using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Tests.Features.TwoFactor;

/// <summary>The signed-in member's own TOTP: /api/me/totp.</summary>
public sealed class TwoFactorEndpointsTests
{
    [Fact]
    public async Task Enrolment_KeyAndUri_NameIssuerAndEmail()
    {
        await using var t = await TwoFactorTestHost.StartAsync();
        var client = await t.Host.MemberClientAsync(t.Tenant.Id, "ann@acme.test", MemberRole.Developer);

        var enrolment = await TwoFactorTestHost.ReadAsync<TotpEnrolmentDto>(await client.PostAsync("/api/me/totp/enrolment", null));

        Assert.StartsWith("otpauth://totp/Switchyard:ann%40acme.test?secret=", enrolment.AuthenticatorUri, StringComparison.Ordinal);
        Assert.Contains("issuer=Switchyard", enrolment.AuthenticatorUri, StringComparison.Ordinal);
        Assert.Equal(20, Rfc6238.Base32(enrolment.SharedKey).Length);
        var status = await client.GetFromJsonAsync<TotpStatusDto>("/api/me/totp", SwitchyardJson.Options);
        Assert.False(status!.Enabled);
    }

    [Fact]
    public async Task Confirm_CurrentCode_EnablesWithTenRecoveryCodes()
    {
        await using var t = await TwoFactorTestHost.StartAsync();
        var (_, codes, client) = await t.EnrolledMemberAsync("ann@acme.test");

        var status = await client.GetFromJsonAsync<TotpStatusDto>("/api/me/totp", SwitchyardJson.Options);

        Assert.Equal(10, codes.Count);
        Assert.True(status!.Enabled);
        Assert.Equal(10, status.RecoveryCodesLeft);
    }

    [Fact]
    public async Task Confirm_WrongCode_ValidationProblemNamesCodeAndStaysOff()
    {
        await using var t = await TwoFactorTestHost.StartAsync();
        var client = await t.Host.MemberClientAsync(t.Tenant.Id, "ann@acme.test", MemberRole.Developer);
        var enrolment = await TwoFactorTestHost.ReadAsync<TotpEnrolmentDto>(await client.PostAsync("/api/me/totp/enrolment", null));
        var stale = Rfc6238.Code(enrolment.SharedKey, t.Time.GetUtcNow().AddMinutes(-5));

        var response = await client.PostAsJsonAsync("/api/me/totp/confirm", new TotpCodeRequest(stale), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("code", out _));
        Assert.Equal(HttpStatusCode.OK, (await t.LoginAsync("ann@acme.test")).StatusCode);
    }

    [Fact]
    public async Task Disable_WithCode_SignInIsOneStepAgain()
    {
        await using var t = await TwoFactorTestHost.StartAsync();
        var (key, _, client) = await t.EnrolledMemberAsync("ann@acme.test");

        var response = await client.PostAsJsonAsync("/api/me/totp/disable", new TotpCodeRequest(t.CodeNow(key)), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await t.LoginAsync("ann@acme.test")).StatusCode);
    }

    [Fact]
    public async Task Disable_WrongCode_StaysOn()
    {
        await using var t = await TwoFactorTestHost.StartAsync();
        var (_, _, client) = await t.EnrolledMemberAsync("ann@acme.test");

        var response = await client.PostAsJsonAsync("/api/me/totp/disable", new TotpCodeRequest("12345"), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await t.LoginAsync("ann@acme.test")).StatusCode);
    }

    [Fact]
    public async Task Disable_TenantRequiresTotp_Conflict()
    {
        await using var t = await TwoFactorTestHost.StartAsync();
        var (key, _, client) = await t.EnrolledMemberAsync("ann@acme.test");
        await t.SetSettingsAsync(new UpdateTenantSettingsRequest(RequireTotp: true));

        var response = await client.PostAsJsonAsync("/api/me/totp/disable", new TotpCodeRequest(t.CodeNow(key)), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task RegenerateRecoveryCodes_OldCodesStopWorking()
    {
        await using var t = await TwoFactorTestHost.StartAsync();
        var (key, old, client) = await t.EnrolledMemberAsync("ann@acme.test");

        var fresh = await TwoFactorTestHost.ReadAsync<RecoveryCodesDto>(
            await client.PostAsJsonAsync("/api/me/totp/recovery-codes", new TotpCodeRequest(t.CodeNow(key)), SwitchyardJson.Options));

        Assert.Empty(fresh.RecoveryCodes.Intersect(old));
        Assert.Equal(HttpStatusCode.Unauthorized, (await t.SecondStepAsync((await t.PasswordStepAsync("ann@acme.test")).Challenge, recoveryCode: old[0])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await t.SecondStepAsync((await t.PasswordStepAsync("ann@acme.test")).Challenge, recoveryCode: fresh.RecoveryCodes[0])).StatusCode);
    }

    [Fact]
    public async Task Status_AdminKey_Forbidden()
    {
        await using var t = await TwoFactorTestHost.StartAsync();

        var response = await t.Host.Admin.GetAsync("/api/me/totp");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Confirm_AuditLog_HoldsNeitherKeyNorRecoveryCodes()
    {
        await using var t = await TwoFactorTestHost.StartAsync();
        var client = await t.Host.MemberClientAsync(t.Tenant.Id, "ann@acme.test", MemberRole.TenantAdmin);
        var enrolment = await TwoFactorTestHost.ReadAsync<TotpEnrolmentDto>(await client.PostAsync("/api/me/totp/enrolment", null));
        var codes = await TwoFactorTestHost.ReadAsync<RecoveryCodesDto>(
            await client.PostAsJsonAsync("/api/me/totp/confirm", new TotpCodeRequest(t.CodeNow(enrolment.SharedKey)), SwitchyardJson.Options));

        var audit = await t.Host.WithDbAsync(db => Task.FromResult(string.Join("\n", db.Set<Switchyard.ControlPlane.Features.Audit.AuditAdminEntry>().AsEnumerable().Select(e => JsonSerializer.Serialize(e)))));

        var rawKey = enrolment.SharedKey.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        Assert.DoesNotContain(rawKey, audit, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(codes.RecoveryCodes[0], audit, StringComparison.Ordinal);
    }
}
