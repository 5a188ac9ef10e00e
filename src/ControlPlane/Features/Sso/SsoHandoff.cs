using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Keys;

namespace Switchyard.ControlPlane.Features.Sso;

/// <summary>
/// The one-time code a finished sign-in appends to the return URL (<see cref="SsoDefaults.CodeParameter"/>) so the portal,
/// possibly another process on another origin, can trade it server-side for the member's bearer token
/// (<c>POST /api/auth/sso/exchange</c>). The code is 256 random bits; only its hash is stored (<see cref="SsoHandoffCode"/>,
/// in the database every control plane shares), it expires after <see cref="SsoOptions.HandoffSeconds"/> and it is
/// redeemed exactly once across all control planes: redeeming deletes the row, and only the redeemer whose conditional
/// delete removed it wins. Expired rows are purged whenever a code is issued.
/// </summary>
public sealed class SsoHandoff(ControlPlaneDbContext db, IOptions<SsoOptions> options, TimeProvider time)
{
    public const string CodePrefix = "syh_";

    public async Task<string> IssueAsync(Guid memberId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await db.SsoHandoffCodes.Where(c => c.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        var code = VirtualKeyHash.Generate(CodePrefix);
        db.SsoHandoffCodes.Add(new SsoHandoffCode
        {
            CodeHash = VirtualKeyHash.Compute(code),
            MemberId = memberId,
            ExpiresAt = now.AddSeconds(options.Value.HandoffSeconds),
        });
        await db.SaveChangesAsync(cancellationToken);
        return code;
    }

    /// <summary>The member the code was issued for; null when it is unknown, expired or already redeemed (here or on another control plane).</summary>
    public async Task<Guid?> RedeemAsync(string code, CancellationToken cancellationToken)
    {
        if (!code.StartsWith(CodePrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var hash = VirtualKeyHash.Compute(code);
        var now = time.GetUtcNow();
        var live = db.SsoHandoffCodes.Where(c => c.CodeHash == hash && c.ExpiresAt > now);
        var memberId = await live.Select(c => (Guid?)c.MemberId).FirstOrDefaultAsync(cancellationToken);
        if (memberId is null)
        {
            return null;
        }

        // Of concurrent redeemers (on any control plane) the database lets exactly one delete the row.
        return await live.ExecuteDeleteAsync(cancellationToken) == 1 ? memberId : null;
    }
}
