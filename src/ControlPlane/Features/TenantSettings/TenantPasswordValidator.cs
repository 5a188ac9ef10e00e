using Microsoft.AspNetCore.Identity;
using Switchyard.ControlPlane.Features.Members;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.TenantSettings;

/// <summary>
/// Identity password validator for the member's tenant policy (<see cref="TenantSignInPolicy.PasswordMinLength"/>), beside
/// Identity's own 12-character floor: every password Identity sets for a member goes through it.
/// </summary>
internal sealed class TenantPasswordValidator(ControlPlaneDbContext db) : IPasswordValidator<Member>
{
    public async Task<IdentityResult> ValidateAsync(UserManager<Member> manager, Member user, string? password)
    {
        var policy = await TenantSignInPolicy.ForTenantAsync(db, user.TenantId, CancellationToken.None);
        return (password ?? "").Length >= policy.PasswordMinLength
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooShort",
                Description = $"Passwords must be at least {policy.PasswordMinLength} characters (your organisation's policy).",
            });
    }
}
