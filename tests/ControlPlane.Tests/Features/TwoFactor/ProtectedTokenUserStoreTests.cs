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
/// Authenticator keys are sealed and recovery codes only hashed in Identity's token table: what the database holds is
/// neither the key nor a code, sign-in with a code or a recovery code still works (a recovery code once), and values
/// stored before (plain key, plain or sealed codes) are read, then sealed or hashed at start.
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
        Assert.StartsWith(TwoFactorSecretProtector.Marker, stored[ProtectedTokenUserStore.AuthenticatorKeyName], StringComparison.Ordinal);
        Assert.StartsWith(RecoveryCodeHashes.Marker, stored[ProtectedTokenUserStore.RecoveryCodesName], StringComparison.Ordinal);
        Assert.All(stored.Values, value =>
        {
            Assert.DoesNotContain(key, value, StringComparison.OrdinalIgnoreCase);
            Assert.All(codes, code => Assert.DoesNotContain(code, value, StringComparison.OrdinalIgnoreCase));
        });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }

    [Fact]
    public async Task RecoveryCode_Hashed_RedeemedOnceAndCountedDown()
    {
        await using var t = await TwoFactorTestHost.StartAsync();
        var (_, codes, client) = await t.EnrolledMemberAsync("ann@acme.test");

        var first = await t.SecondStepAsync((await t.PasswordStepAsync("ann@acme.test")).Challenge, recoveryCode: codes[0]);
        var again = await t.SecondStepAsync((await t.PasswordStepAsync("ann@acme.test")).Challenge, recoveryCode: codes[0]);
        var other = await t.SecondStepAsync((await t.PasswordStepAsync("ann@acme.test")).Challenge, recoveryCode: codes[1]);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        var stored = (await SecretTokensAsync(t.Host))[ProtectedTokenUserStore.RecoveryCodesName];
        Assert.All(codes, code => Assert.DoesNotContain(code, stored, StringComparison.OrdinalIgnoreCase));
        var status = await client.GetFromJsonAsync<TotpStatusDto>("/api/me/totp", SwitchyardJson.Options);
        Assert.Equal(codes.Count - 2, status!.RecoveryCodesLeft);
    }

    [Fact]
    public async Task PlainValuesFromBefore_StillAcceptedThenSealedAndHashedAtTheNextStart() => await ValuesFromBeforeAsync(sealCodes: false);

    [Fact]
    public async Task SealedRecoveryCodesFromBefore_StillAcceptedThenHashedAtTheNextStart() => await ValuesFromBeforeAsync(sealCodes: true);

    private static async Task ValuesFromBeforeAsync(bool sealCodes)
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
                await WriteAsBeforeAsync(t.Host, key, codes, sealCodes);
                var step = await t.PasswordStepAsync("ann@acme.test");
                Assert.Equal(HttpStatusCode.OK, (await t.SecondStepAsync(step.Challenge, t.CodeNow(key))).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await t.SecondStepAsync((await t.PasswordStepAsync("ann@acme.test")).Challenge, recoveryCode: codes[0])).StatusCode);

                // Redeeming stored the rest hashed; the start below is to hash codes still stored as before.
                await WriteAsBeforeAsync(t.Host, key, codes.Skip(1).ToList(), sealCodes);
            }

            await using var restarted = await ControlPlaneTestHost.StartAsync(directory: directory);
            var stored = await SecretTokensAsync(restarted);
            Assert.StartsWith(TwoFactorSecretProtector.Marker, stored[ProtectedTokenUserStore.AuthenticatorKeyName], StringComparison.Ordinal);
            Assert.StartsWith(RecoveryCodeHashes.Marker, stored[ProtectedTokenUserStore.RecoveryCodesName], StringComparison.Ordinal);
            Assert.DoesNotContain(stored.Values, value => value.Contains(key, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(stored.Values, value => codes.Any(code => value.Contains(code, StringComparison.OrdinalIgnoreCase)));

            var login = await restarted.Anonymous.PostAsJsonAsync("/api/auth/login", new LoginRequest("ann@acme.test", TwoFactorTestHost.Password), SwitchyardJson.Options);
            var challenge = (await login.Content.ReadFromJsonAsync<SignInStepDto>(SwitchyardJson.Options))!.Challenge;
            var recovered = await restarted.Anonymous.PostAsJsonAsync(
                "/api/auth/login/two-factor", new TwoFactorLoginRequest(challenge, null, codes[1]), SwitchyardJson.Options);
            Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
            var login2 = await restarted.Anonymous.PostAsJsonAsync("/api/auth/login", new LoginRequest("ann@acme.test", TwoFactorTestHost.Password), SwitchyardJson.Options);
            var challenge2 = (await login2.Content.ReadFromJsonAsync<SignInStepDto>(SwitchyardJson.Options))!.Challenge;
            var usedBefore = await restarted.Anonymous.PostAsJsonAsync(
                "/api/auth/login/two-factor", new TwoFactorLoginRequest(challenge2, null, codes[0]), SwitchyardJson.Options);
            Assert.Equal(HttpStatusCode.Unauthorized, usedBefore.StatusCode);
        }
        finally
        {
            ControlPlaneTestHost.Cleanup(directory);
        }
    }

    /// <summary>The key as Identity stores it: the enrolment shows it in groups of four.</summary>
    private static string Plain(string shown) => shown.Replace(" ", "", StringComparison.Ordinal);

    /// <summary>The raw values of the authenticator key and recovery code rows by name, read past Identity's store.</summary>
    private static Task<Dictionary<string, string>> SecretTokensAsync(ControlPlaneTestHost host) => host.WithDbAsync(db => db.UserTokens.AsNoTracking()
        .Where(x => x.LoginProvider == ProtectedTokenUserStore.InternalProvider)
        .ToDictionaryAsync(x => x.Name, x => x.Value ?? ""));

    /// <summary>
    /// Stores the key in plain text as Identity did before it was sealed, and the recovery codes as codes: plain, or
    /// sealed as they were before they were hashed.
    /// </summary>
    private static async Task WriteAsBeforeAsync(ControlPlaneTestHost host, string key, IReadOnlyList<string> codes, bool sealCodes)
    {
        await using var scope = host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ControlPlaneDbContext>();
        var recoveryCodes = string.Join(";", codes);
        if (sealCodes)
        {
            recoveryCodes = scope.ServiceProvider.GetRequiredService<TwoFactorSecretProtector>().Seal(recoveryCodes);
        }

        await db.UserTokens.Where(x => x.LoginProvider == ProtectedTokenUserStore.InternalProvider && x.Name == ProtectedTokenUserStore.AuthenticatorKeyName)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Value, key));
        await db.UserTokens.Where(x => x.LoginProvider == ProtectedTokenUserStore.InternalProvider && x.Name == ProtectedTokenUserStore.RecoveryCodesName)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Value, recoveryCodes));
        Assert.Equal(key, (await SecretTokensAsync(host))[ProtectedTokenUserStore.AuthenticatorKeyName]);
    }
}
