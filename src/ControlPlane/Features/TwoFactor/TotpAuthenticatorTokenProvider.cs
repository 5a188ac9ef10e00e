using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Switchyard.ControlPlane.Features.Members;

namespace Switchyard.ControlPlane.Features.TwoFactor;

/// <summary>
/// Identity's authenticator token provider (registered under <see cref="TokenOptions.DefaultAuthenticatorProvider"/>, so
/// <see cref="UserManager{TUser}.VerifyTwoFactorTokenAsync"/> uses it) with the control plane's <see cref="TimeProvider"/>
/// and replay protection: a code is accepted for the current 30-second step or one step either side (clock drift), and
/// only for a step later than the last one accepted for the member, so an observed code cannot be used twice.
/// The key is the one <see cref="UserManager{TUser}.GetAuthenticatorKeyAsync"/> returns.
/// </summary>
internal sealed class TotpAuthenticatorTokenProvider(TimeProvider time) : IUserTwoFactorTokenProvider<Member>
{
    internal const string StoreName = "[Switchyard]";
    internal const string LastStepName = "TotpLastStep";

    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<Member> manager, Member user) => HasKeyAsync(manager, user);

    /// <summary>Codes come from the member's app, never from the server.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<Member> manager, Member user) => Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<Member> manager, Member user)
    {
        if (!Totp.TryNormalize(token, out var code) || await manager.GetAuthenticatorKeyAsync(user) is not { } text || Totp.FromBase32(text) is not { } key)
        {
            return false;
        }

        var now = Totp.StepAt(time.GetUtcNow());
        var last = long.TryParse(await manager.GetAuthenticationTokenAsync(user, StoreName, LastStepName), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l)
            ? l
            : long.MinValue;
        var presented = Encoding.ASCII.GetBytes(code);
        for (var step = now - 1; step <= now + 1; step++)
        {
            if (step > last && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Totp.Code(key, step)), presented))
            {
                await manager.SetAuthenticationTokenAsync(user, StoreName, LastStepName, step.ToString(CultureInfo.InvariantCulture));
                return true;
            }
        }

        return false;
    }

    private static async Task<bool> HasKeyAsync(UserManager<Member> manager, Member user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));
}
