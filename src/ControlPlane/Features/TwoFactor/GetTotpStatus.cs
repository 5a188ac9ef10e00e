using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Features.Members;
using Switchyard.ControlPlane.Features.TenantSettings;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.TwoFactor;

/// <summary>GET /api/me/totp: whether the signed-in member has two-factor on, how many recovery codes are left, and whether the tenant requires it.</summary>
public static class GetTotpStatus
{
    public static async Task<Results<Ok<TotpStatusDto>, ProblemHttpResult>> HandleAsync(
        Caller caller, UserManager<Member> users, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var (member, problem) = await SignedInMember.FindAsync(caller, users);
        if (member is null)
        {
            return problem!;
        }

        var policy = await TenantSignInPolicy.ForTenantAsync(db, member.TenantId, cancellationToken);
        var left = member.TwoFactorEnabled ? await users.CountRecoveryCodesAsync(member) : 0;
        return TypedResults.Ok(new TotpStatusDto(member.TwoFactorEnabled, left, policy.RequireTotp));
    }
}
