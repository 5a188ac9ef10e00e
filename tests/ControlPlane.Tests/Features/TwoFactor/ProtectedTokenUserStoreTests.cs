using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.ControlPlane.Features.TwoFactor;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Tests.Features.TwoFactor;

/// <summary>
/// Authenticator keys and recovery codes are sealed in Identity's token table: what the database holds is not the key,
/// sign-in with a code or a recovery code still works, and values stored in plain text before are read and sealed at start.
/// </summary>
public sealed class ProtectedTokenUserStoreTests
{
    [Fact]
    public async Task Enrol_KeyAndRecoveryCodes_TokenTableHoldsNeitherAndTotpSignInWorks()
    {
        await using var t = await TwoFactorTestHost.StartAsync();
        var (shown, codes, _) = await t.EnrolledMemberAsync("ann@acme.test");
        var key = Plain(shown);

        var stored = await SecretTokensAsync(t.Host);
        var step = await t.PasswordStepAsync("ann@acme.test");
        var signIn = await t.SecondStepAsync(step.Challenge, t.CodeNow(key));

        Assert.Equal(2, stored.Count);
        Assert.All(stored, value =>
        {
            Assert.StartsWith(TwoFactorSecretProtector.Marker, value, StringComparison.Ordinal);
            Assert.DoesNotContain(key, value, StringComparison.OrdinalIgnoreCase);
            Assert.All(codes, code => Assert.DoesNotContain(code, value, StringComparison.OrdinalIgnoreCase));
        });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }

    [Fact]
    public async Task RecoveryCode_Sealed_RedeemedOnceAndCountedDown()
    {
        await using var t = await TwoFactorTestHost.StartAsync();
        var (_, codes, client) = await t.EnrolledMemberAsync("ann@acme.test");

        var first = await t.SecondStepAsync((await t.PasswordStepAsync("ann@acme.test")).Challenge, recoveryCode: codes[0]);
        var again = await t.SecondStepAsync((await t.PasswordStepAsync("ann@acme.test")).Challenge, recoveryCode: codes[0]);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        var status = await client.GetFromJsonAsync<TotpStatusDto>("/api/me/totp", SwitchyardJson.Options);
        Assert.Equal(codes.Count - 1, status!.RecoveryCodesLeft);
    }

    [Fact]
    public async Task PlainValuesFromBefore_StillAcceptedThenSealedAtTheNextStart()
    {
        var directory = Path.Combine(Path.GetTempPath(), "switchyard-cp-tests", Guid.NewGuid().ToString("N"));
        try
        {
            string key;
            IReadOnlyList<string> codes;
            await using (var t = await TwoFactorTestHost.StartAsync(directory: directory))
            {
                (key, codes, _) = await t.EnrolledMemberAsync("ann@acme.test");
                key = Plain(key);
                await WritePlainAsync(t.Host, key, codes);
                var step = await t.PasswordStepAsync("ann@acme.test");
                Assert.Equal(HttpStatusCode.OK, (await t.SecondStepAsync(step.Challenge, t.CodeNow(key))).StatusCode);
            }

            await using var restarted = await ControlPlaneTestHost.StartAsync(directory: directory);
            var stored = await SecretTokensAsync(restarted);
            Assert.All(stored, value => Assert.StartsWith(TwoFactorSecretProtector.Marker, value, StringComparison.Ordinal));
            Assert.DoesNotContain(stored, value => value.Contains(key, StringComparison.OrdinalIgnoreCase));

            var login = await restarted.Anonymous.PostAsJsonAsync("/api/auth/login", new LoginRequest("ann@acme.test", TwoFactorTestHost.Password), SwitchyardJson.Options);
            var challenge = (await login.Content.ReadFromJsonAsync<SignInStepDto>(SwitchyardJson.Options))!.Challenge;
            var recovered = await restarted.Anonymous.PostAsJsonAsync(
                "/api/auth/login/two-factor", new TwoFactorLoginRequest(challenge, null, codes[1]), SwitchyardJson.Options);
            Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
        }
        finally
        {
            ControlPlaneTestHost.Cleanup(directory);
        }
    }

    /// <summary>The key as Identity stores it: the enrolment shows it in groups of four.</summary>
    private static string Plain(string shown) => shown.Replace(" ", "", StringComparison.Ordinal);

    /// <summary>The raw values of the authenticator key and recovery code rows, read past Identity's store.</summary>
    private static Task<List<string>> SecretTokensAsync(ControlPlaneTestHost host) => host.WithDbAsync(db => db.UserTokens.AsNoTracking()
        .Where(x => x.LoginProvider == ProtectedTokenUserStore.InternalProvider)
        .Select(x => x.Value ?? "").ToListAsync());

    /// <summary>Stores both secrets as Identity did before they were sealed.</summary>
    private static async Task WritePlainAsync(ControlPlaneTestHost host, string key, IReadOnlyList<string> codes)
    {
        await using var scope = host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ControlPlaneDbContext>();
        var recoveryCodes = string.Join(";", codes);
        await db.UserTokens.Where(x => x.LoginProvider == ProtectedTokenUserStore.InternalProvider && x.Name == ProtectedTokenUserStore.AuthenticatorKeyName)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Value, key));
        await db.UserTokens.Where(x => x.LoginProvider == ProtectedTokenUserStore.InternalProvider && x.Name == ProtectedTokenUserStore.RecoveryCodesName)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Value, recoveryCodes));
        Assert.Contains(key, await SecretTokensAsync(host));
    }
}
