using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Switchyard.ControlPlane.Features.Members;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Auth;

/// <summary>
/// The opaque challenge that carries a half-finished sign-in from the password step to the next (<see cref="SignInSteps"/>):
/// the step, the member, their security stamp and an expiry, protected by the Data Protection ring (shared by every control
/// plane). A challenge is good for <see cref="Lifetime"/>, for its own step only, and only while the member's security stamp is
/// unchanged (a new password, a reset authenticator key or enabled 2FA end it); a deactivated member's is refused.
/// </summary>
public sealed class SignInChallenges(IDataProtectionProvider protection, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly IDataProtector _protector = protection.CreateProtector("Switchyard.SignIn.Challenge.v1");

    public SignInStepDto Issue(Member member, string step)
    {
        var expires = time.GetUtcNow() + Lifetime;
        var payload = string.Join('|', step, member.Id.ToString("N"), member.SecurityStamp ?? "", expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        return new SignInStepDto(step, _protector.Protect(payload), expires);
    }

    /// <summary>The member the challenge was issued to, or null when it is not a valid, current challenge for <paramref name="step"/>.</summary>
    public async Task<Member?> RedeemAsync(string? challenge, string step, UserManager<Member> users)
    {
        if (string.IsNullOrWhiteSpace(challenge) || challenge.Length > 4096)
        {
            return null;
        }

        string payload;
        try
        {
            payload = _protector.Unprotect(challenge);
        }
        catch (CryptographicException)
        {
            return null;
        }

        var parts = payload.Split('|');
        if (parts.Length != 4 || parts[0] != step || !Guid.TryParseExact(parts[1], "N", out var memberId)
            || !long.TryParse(parts[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var expires)
            || time.GetUtcNow() >= DateTimeOffset.FromUnixTimeSeconds(expires))
        {
            return null;
        }

        var member = await users.FindByIdAsync(memberId.ToString());
        return member is not null && member.DeactivatedAt is null && string.Equals(member.SecurityStamp ?? "", parts[2], StringComparison.Ordinal)
            ? member
            : null;
    }
}
