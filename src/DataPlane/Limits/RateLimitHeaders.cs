using System.Globalization;

namespace Switchyard.DataPlane.Limits;

/// <summary>
/// OpenAI's rate-limit headers from a lease: <c>x-ratelimit-limit-requests</c>, <c>-remaining-requests</c>,
/// <c>-reset-requests</c> and the <c>-tokens</c> trio, for the tightest level that limits each (none when nothing does).
/// Resets are written like OpenAI's (<c>250ms</c>, <c>12.5s</c>).
/// </summary>
public static class RateLimitHeaders
{
    public const string LimitRequests = "x-ratelimit-limit-requests";
    public const string RemainingRequests = "x-ratelimit-remaining-requests";
    public const string ResetRequests = "x-ratelimit-reset-requests";
    public const string LimitTokens = "x-ratelimit-limit-tokens";
    public const string RemainingTokens = "x-ratelimit-remaining-tokens";
    public const string ResetTokens = "x-ratelimit-reset-tokens";

    public static void Write(IHeaderDictionary headers, LimitLease lease)
    {
        if (lease.RequestsLimit < 0 && lease.TokensLimit < 0)
        {
            return;
        }

        var reset = FormatReset(lease.ResetMilliseconds);
        if (lease.RequestsLimit >= 0)
        {
            headers[LimitRequests] = lease.RequestsLimit.ToString(CultureInfo.InvariantCulture);
            headers[RemainingRequests] = lease.RequestsRemaining.ToString(CultureInfo.InvariantCulture);
            headers[ResetRequests] = reset;
        }

        if (lease.TokensLimit >= 0)
        {
            headers[LimitTokens] = lease.TokensLimit.ToString(CultureInfo.InvariantCulture);
            headers[RemainingTokens] = lease.TokensRemaining.ToString(CultureInfo.InvariantCulture);
            headers[ResetTokens] = reset;
        }
    }

    public static string FormatReset(long milliseconds) => milliseconds < 1000
        ? milliseconds.ToString(CultureInfo.InvariantCulture) + "ms"
        : (milliseconds / 1000.0).ToString("0.###", CultureInfo.InvariantCulture) + "s";
}
