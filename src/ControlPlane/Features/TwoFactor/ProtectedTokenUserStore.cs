using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Members;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.TwoFactor;

/// <summary>
/// Identity's user store with the authenticator key sealed in its token table (<c>AspNetUserTokens</c>) by
/// <see cref="TwoFactorSecretProtector"/> and the recovery codes only hashed there (<see cref="RecoveryCodeHashes"/>):
/// Identity reads and writes the key through <see cref="GetTokenAsync"/> and <see cref="SetTokenAsync"/>, so every path
/// (enrolment, sign-in) goes through the seal, and the recovery codes through <see cref="ReplaceCodesAsync"/>,
/// <see cref="RedeemCodeAsync"/> and <see cref="CountCodesAsync"/>, which keep and compare hashes only. Values stored
/// before (a plain key or plain or sealed recovery codes) are still read, and sealed or hashed at the next write or at
/// start (<see cref="TwoFactorSecretsUpgradeStep"/>).
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
        return value is not null && IsSecret(loginProvider, name) && !RecoveryCodeHashes.IsHashed(value) ? protector.Open(value) : value;
    }

    public override Task ReplaceCodesAsync(Member user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(recoveryCodes);
        return base.SetTokenAsync(user, InternalProvider, RecoveryCodesName, RecoveryCodeHashes.Store(user.Id, recoveryCodes), cancellationToken);
    }

    public override async Task<bool> RedeemCodeAsync(Member user, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(code);
        var hashes = await StoredHashesAsync(user, cancellationToken);
        var index = RecoveryCodeHashes.IndexOf(hashes, user.Id, code);
        if (index < 0)
        {
            return false;
        }

        hashes.RemoveAt(index);
        await base.SetTokenAsync(user, InternalProvider, RecoveryCodesName, RecoveryCodeHashes.Format(hashes), cancellationToken);
        return true;
    }

    public override async Task<int> CountCodesAsync(Member user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return (await StoredHashesAsync(user, cancellationToken)).Count;
    }

    /// <summary>The hashes of the member's unused recovery codes; codes stored before hashing (plain or sealed) are hashed here.</summary>
    private async Task<List<string>> StoredHashesAsync(Member user, CancellationToken cancellationToken)
    {
        var stored = await base.GetTokenAsync(user, InternalProvider, RecoveryCodesName, cancellationToken);
        return stored switch
        {
            null or "" => [],
            _ when RecoveryCodeHashes.IsHashed(stored) => RecoveryCodeHashes.Parse(stored),
            _ => [.. protector.Open(stored).Split(';', StringSplitOptions.RemoveEmptyEntries).Select(c => RecoveryCodeHashes.Hash(user.Id, c))],
        };
    }
}
