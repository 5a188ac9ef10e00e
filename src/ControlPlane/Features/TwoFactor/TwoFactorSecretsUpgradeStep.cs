using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Startup;

namespace Switchyard.ControlPlane.Features.TwoFactor;

/// <summary>
/// At start, seals authenticator keys and recovery codes still stored in plain text (written before
/// <see cref="ProtectedTokenUserStore"/>). Idempotent: sealed values are left alone, so concurrent starts of several
/// control planes only seal the same plain value twice, and either result opens.
/// </summary>
internal sealed class TwoFactorSecretsUpgradeStep(ControlPlaneDbContext db, TwoFactorSecretProtector protector) : IStartupStep
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var plain = await db.UserTokens
            .Where(t => t.LoginProvider == ProtectedTokenUserStore.InternalProvider
                && (t.Name == ProtectedTokenUserStore.AuthenticatorKeyName || t.Name == ProtectedTokenUserStore.RecoveryCodesName)
                && t.Value != null && !t.Value.StartsWith(TwoFactorSecretProtector.Marker))
            .ToListAsync(cancellationToken);
        if (plain.Count == 0)
        {
            return;
        }

        foreach (var token in plain)
        {
            token.Value = protector.Seal(token.Value!);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
