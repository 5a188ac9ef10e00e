using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Switchyard.ControlPlane.Features.Sso;

/// <summary>
/// The one-time code a finished sign-in appends to the return URL (<see cref="SsoDefaults.CodeParameter"/>) so the portal,
/// possibly another process on another origin, can trade it server-side for the member's bearer token
/// (<c>POST /api/auth/sso/exchange</c>). The code is sealed with the shared key ring (any control plane can redeem it),
/// expires after <see cref="SsoOptions.HandoffSeconds"/> and is accepted once per control plane process.
/// </summary>
public sealed class SsoHandoff(IDataProtectionProvider provider, IMemoryCache redeemed, IOptions<SsoOptions> options, TimeProvider time)
{
    public const string Purpose = "Switchyard.ControlPlane.SsoHandoff.v1";

    private readonly ITimeLimitedDataProtector _protector = provider.CreateProtector(Purpose).ToTimeLimitedDataProtector();

    public string Issue(Guid memberId)
    {
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        return _protector.Protect($"{memberId:N}.{nonce}", time.GetUtcNow().AddSeconds(options.Value.HandoffSeconds));
    }

    /// <summary>The member the code was issued for; null when it is unreadable, expired or already redeemed.</summary>
    public Guid? Redeem(string code)
    {
        string payload;
        try
        {
            payload = _protector.Unprotect(code, out var expiration);
            if (expiration < time.GetUtcNow())
            {
                return null;
            }
        }
        catch (CryptographicException)
        {
            return null;
        }

        var dot = payload.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0 || !Guid.TryParseExact(payload[..dot], "N", out var memberId))
        {
            return null;
        }

        var key = (Purpose, payload[(dot + 1)..]);
        lock (redeemed)
        {
            if (redeemed.TryGetValue(key, out _))
            {
                return null;
            }

            redeemed.Set(key, true, TimeSpan.FromSeconds(options.Value.HandoffSeconds * 2));
        }

        return memberId;
    }
}
