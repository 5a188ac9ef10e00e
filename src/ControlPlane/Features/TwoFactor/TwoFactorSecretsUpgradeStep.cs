using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Startup;

namespace Switchyard.ControlPlane.Features.TwoFactor;

/// <summary>
/// At start, seals authenticator keys still stored in plain text (written before <see cref="ProtectedTokenUserStore"/>)
/// and replaces recovery codes still stored as codes (plain or sealed) with their hashes (<see cref="RecoveryCodeHashes"/>).
/// Idempotent: sealed keys and hashed codes are left alone, so concurrent starts of several control planes only do the
/// same work twice, and either result is read.
/// </summary>
internal sealed class TwoFactorSecretsUpgradeStep(ControlPlaneDbContext db, TwoFactorSecretProtector protector) : IStartupStep
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var old = await db.UserTokens
            .Where(t => t.LoginProvider == ProtectedTokenUserStore.InternalProvider && t.Value != null
                && ((t.Name == ProtectedTokenUserStore.AuthenticatorKeyName && !t.Value.StartsWith(TwoFactorSecretProtector.Marker))
                    || (t.Name == ProtectedTokenUserStore.RecoveryCodesName && !t.Value.StartsWith(RecoveryCodeHashes.Marker))))
            .ToListAsync(cancellationToken);
        if (old.Count == 0)
        {
            return;
        }

        foreach (var token in old)
        {
            token.Value = token.Name == ProtectedTokenUserStore.RecoveryCodesName
                ? RecoveryCodeHashes.Store(token.UserId, protector.Open(token.Value!).Split(';', StringSplitOptions.RemoveEmptyEntries))
                : protector.Seal(token.Value!);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
