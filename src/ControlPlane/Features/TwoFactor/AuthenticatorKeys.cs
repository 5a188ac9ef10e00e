using Microsoft.AspNetCore.Identity;
using Switchyard.ControlPlane.Features.Members;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.TwoFactor;

/// <summary>A new authenticator key for the member (Identity's <see cref="UserManager{TUser}.ResetAuthenticatorKeyAsync"/>), as shown for enrolment.</summary>
internal static class AuthenticatorKeys
{
    public static async Task<TotpEnrolmentDto> ResetAsync(UserManager<Member> users, Member member)
    {
        await users.ResetAuthenticatorKeyAsync(member);
        var key = await users.GetAuthenticatorKeyAsync(member) ?? throw new InvalidOperationException("Identity stored no authenticator key.");
        return new TotpEnrolmentDto(AuthenticatorUri.Grouped(key), AuthenticatorUri.Format(member.Email ?? "", key));
    }
}
