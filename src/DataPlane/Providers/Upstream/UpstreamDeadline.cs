namespace Switchyard.DataPlane.Providers.Upstream;

/// <summary>
/// A route's total deadline (<c>timeouts.totalMs</c>) on its way to the readers of upstream bodies. Once a stream has
/// started reaching the caller, cancelling the attempt would tear the caller's connection; instead the readers stop
/// waiting for the upstream at the deadline (as they do at the activity timeout) and end the stream with the dialect's
/// error event. The forward stage sets it for the request's asynchronous flow; nothing is set or allocated for routes
/// without a total deadline.
/// </summary>
public sealed class UpstreamDeadline
{
    private static readonly AsyncLocal<UpstreamDeadline?> Flow = new();

    private readonly TimeProvider _time;
    private readonly long _timestamp;

    /// <param name="timestamp">The deadline on <paramref name="time"/>'s monotonic clock (<see cref="TimeProvider.GetTimestamp"/>).</param>
    public UpstreamDeadline(TimeProvider time, long timestamp)
    {
        _time = time;
        _timestamp = timestamp;
    }

    /// <summary>The current flow's deadline, if its route has one.</summary>
    public static UpstreamDeadline? Current => Flow.Value;

    /// <summary>Sets the deadline for the rest of the current asynchronous flow (a request's upstream attempts).</summary>
    public static void Set(UpstreamDeadline deadline) => Flow.Value = deadline;

    /// <summary>How long the next read may wait: <paramref name="idle"/>, or less when the deadline comes first (at least 1 ms).</summary>
    public TimeSpan Cap(TimeSpan idle)
    {
        var left = _time.GetElapsedTime(_time.GetTimestamp(), _timestamp);
        return left >= idle ? idle : left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1);
    }
}
