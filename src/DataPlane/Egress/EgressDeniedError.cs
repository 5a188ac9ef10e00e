using Switchyard.Shared.Egress;

namespace Switchyard.DataPlane.Egress;

/// <summary>
/// What the caller is told when the egress policy refused the upstream connection (<see cref="EgressDeniedException"/>):
/// a 502 with this code and message, no host or address (those are the tenant's configuration, not the caller's business).
/// </summary>
public static class EgressDeniedError
{
    /// <summary>The code of the caller's error (502).</summary>
    public const string Code = "egress_denied";

    public const string CallerMessage =
        "The gateway's egress policy does not allow connecting to this model's upstream address. A platform administrator can allow it.";

    /// <summary>True when <paramref name="exception"/> or one of its inner exceptions is an egress refusal.</summary>
    public static bool IsCause(Exception? exception) => EgressDeniedException.Find(exception) is not null;
}
