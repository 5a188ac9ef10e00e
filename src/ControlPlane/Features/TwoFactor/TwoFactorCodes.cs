using Microsoft.AspNetCore.Identity;
using Switchyard.ControlPlane.Features.Members;

namespace Switchyard.ControlPlane.Features.TwoFactor;

/// <summary>Checks an authenticator code, or else a recovery code (used up when it matches).</summary>
internal static class TwoFactorCodes
{
    public static async Task<bool> VerifyAsync(UserManager<Member> users, Member member, string? code, string? recoveryCode)
    {
        if (!string.IsNullOrWhiteSpace(code))
        {
            return code.Length <= 32 && await users.VerifyTwoFactorTokenAsync(member, TokenOptions.DefaultAuthenticatorProvider, code);
        }

        if (!string.IsNullOrWhiteSpace(recoveryCode) && recoveryCode.Length <= 64)
        {
            return (await users.RedeemTwoFactorRecoveryCodeAsync(member, recoveryCode.Replace(" ", "", StringComparison.Ordinal).Trim())).Succeeded;
        }

        return false;
    }

    /// <summary>One field for either: six digits are an authenticator code, anything else a recovery code.</summary>
    public static Task<bool> VerifyEitherAsync(UserManager<Member> users, Member member, string? codeOrRecoveryCode) =>
        Totp.TryNormalize(codeOrRecoveryCode, out _)
            ? VerifyAsync(users, member, codeOrRecoveryCode, null)
            : VerifyAsync(users, member, null, codeOrRecoveryCode);

    public const int RecoveryCodeCount = 10;

    public static async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(UserManager<Member> users, Member member) =>
        [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(member, RecoveryCodeCount) ?? []];
}
