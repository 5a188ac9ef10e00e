using System.Net;

namespace Switchyard.DataPlane.Egress;

/// <summary>
/// Thrown by <see cref="EgressGuard"/> instead of connecting to a destination the egress policy does not allow; the
/// HTTP stack wraps it in an <see cref="HttpRequestException"/>.
/// </summary>
public sealed class EgressDeniedException : Switchyard.Shared.Egress.EgressRefusal
{
    /// <summary>The code of the caller's error (502).</summary>
    public const string Code = "egress_denied";

    /// <summary>What the caller is told: no host or address, those are the tenant's configuration, not the caller's business.</summary>
    public const string CallerMessage =
        "The gateway's egress policy does not allow connecting to this model's upstream address. A platform administrator can allow it.";

    public EgressDeniedException(string host, IPAddress address, string reason)
        : base($"Egress to {host} ({address}) is not allowed: {reason}.")
    {
        Host = host;
        Address = address;
        Reason = reason;
    }

    public string Host { get; }

    public IPAddress Address { get; }

    public string Reason { get; }

    /// <summary>True when <paramref name="exception"/> or one of its inner exceptions is an egress refusal.</summary>
    public static bool IsCause(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is EgressDeniedException)
            {
                return true;
            }
        }

        return false;
    }
}
