using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Tests.Features.TwoFactor;

/// <summary>A control plane on a fake clock with one tenant, and helpers to enrol members in TOTP with codes the test computes.</summary>
internal sealed class TwoFactorTestHost : IAsyncDisposable
{
    public const string Password = "correct-horse-battery";

    private TwoFactorTestHost(ControlPlaneTestHost host, FakeTimeProvider time, TenantDto tenant)
    {
        Host = host;
        Time = time;
        Tenant = tenant;
    }

    public ControlPlaneTestHost Host { get; }
    public FakeTimeProvider Time { get; }
    public TenantDto Tenant { get; }

    /// <param name="directory">The SQLite database's directory when the test starts the control plane again on it (kept on dispose).</param>
    public static async Task<TwoFactorTestHost> StartAsync(IDictionary<string, string?>? overrides = null, string? directory = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 10, TimeSpan.Zero));
        var host = await ControlPlaneTestHost.StartAsync(overrides, directory, services: s => s.AddSingleton<TimeProvider>(time));
        return new TwoFactorTestHost(host, time, await host.CreateTenantAsync("Acme"));
    }

    public string CodeNow(string key) => Rfc6238.Code(key, Time.GetUtcNow());

    /// <summary>Creates a member, signs in and enrols them; answers the key, the recovery codes and the signed-in client.</summary>
    public async Task<(string Key, IReadOnlyList<string> RecoveryCodes, HttpClient Client)> EnrolledMemberAsync(string email, MemberRole role = MemberRole.Developer)
    {
        var client = await Host.MemberClientAsync(Tenant.Id, email, role, Password);
        var enrolment = await ReadAsync<TotpEnrolmentDto>(await client.PostAsync("/api/me/totp/enrolment", null));
        var confirmed = await client.PostAsJsonAsync("/api/me/totp/confirm", new TotpCodeRequest(CodeNow(enrolment.SharedKey)), SwitchyardJson.Options);
        var codes = await ReadAsync<RecoveryCodesDto>(confirmed);
        Time.Advance(TimeSpan.FromSeconds(30));
        return (enrolment.SharedKey, codes.RecoveryCodes, client);
    }

    public Task<HttpResponseMessage> LoginAsync(string email, string password = Password) =>
        Host.Anonymous.PostAsJsonAsync("/api/auth/login", new LoginRequest(email, password), SwitchyardJson.Options);

    public Task<HttpResponseMessage> SecondStepAsync(string challenge, string? code = null, string? recoveryCode = null) =>
        Host.Anonymous.PostAsJsonAsync("/api/auth/login/two-factor", new TwoFactorLoginRequest(challenge, code, recoveryCode), SwitchyardJson.Options);

    public async Task<SignInStepDto> PasswordStepAsync(string email)
    {
        var response = await LoginAsync(email);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SignInStepDto>(SwitchyardJson.Options))!;
    }

    public Task SetSettingsAsync(UpdateTenantSettingsRequest request) =>
        Host.Admin.PatchAsJsonAsync($"/api/tenants/{Tenant.Id}/settings", request, SwitchyardJson.Options).ContinueWith(t => t.Result.EnsureSuccessStatusCode());

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(SwitchyardJson.Options))!;
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
