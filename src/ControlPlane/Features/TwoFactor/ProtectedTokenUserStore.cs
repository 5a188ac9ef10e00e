using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Members;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.TwoFactor;

/// <summary>
/// Identity's user store with the authenticator key and the recovery codes sealed in its token table
/// (<c>AspNetUserTokens</c>) by <see cref="TwoFactorSecretProtector"/>: Identity reads and writes both through
/// <see cref="GetTokenAsync"/> and <see cref="SetTokenAsync"/>, so every path (enrolment, sign-in, recovery codes) goes
/// through the seal. Values stored in plain text before are still read, and sealed at the next write or at start
/// (<see cref="TwoFactorSecretsUpgradeStep"/>).
/// </summary>
public sealed class ProtectedTokenUserStore(ControlPlaneDbContext context, TwoFactorSecretProtector protector, IdentityErrorDescriber? describer = null)
    : UserOnlyStore<Member, ControlPlaneDbContext, Guid>(context, describer)
{
    /// <summary>Identity's own login provider and token names for the two secrets (<c>UserStoreBase</c>'s constants).</summary>
    public const string InternalProvider = "[AspNetUserStore]";
    public const string AuthenticatorKeyName = "AuthenticatorKey";
    public const string RecoveryCodesName = "RecoveryCodes";

    public static bool IsSecret(string loginProvider, string name) =>
        loginProvider == InternalProvider && name is AuthenticatorKeyName or RecoveryCodesName;

    public override Task SetTokenAsync(Member user, string loginProvider, string name, string? value, CancellationToken cancellationToken) =>
        base.SetTokenAsync(user, loginProvider, name, value is not null && IsSecret(loginProvider, name) ? protector.Seal(value) : value, cancellationToken);

    public override async Task<string?> GetTokenAsync(Member user, string loginProvider, string name, CancellationToken cancellationToken)
    {
        var value = await base.GetTokenAsync(user, loginProvider, name, cancellationToken);
        return value is not null && IsSecret(loginProvider, name) ? protector.Open(value) : value;
    }
}
