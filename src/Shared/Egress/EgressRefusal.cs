namespace Switchyard.Shared.Egress;

/// <summary>
/// A connection the egress policy refused (the node's and the control plane's connect callbacks throw subclasses), so
/// code that only sees the <see cref="HttpRequestException"/> around it — the external guardrail client — can tell an
/// egress refusal from an unreachable host.
/// </summary>
public abstract class EgressRefusal(string message) : IOException(message)
{
    /// <summary>The refusal that caused <paramref name="exception"/> (itself or an inner exception), or null.</summary>
    public static EgressRefusal? Find(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is EgressRefusal refusal)
            {
                return refusal;
            }
        }

        return null;
    }
}
