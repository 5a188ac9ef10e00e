namespace Switchyard.Shared.Configuration;

/// <summary>A route's timeouts in milliseconds; null uses the node's defaults (see <see cref="RouteResilienceRules"/> for the ranges).</summary>
/// <param name="ConnectMs">Per attempt: connecting to the upstream (a timeout is retried on the next deployment).</param>
/// <param name="FirstByteMs">Per attempt: from sending the request to the upstream's response headers (retried).</param>
/// <param name="TotalMs">
/// The whole request, all attempts together, up to the end of the answer. A stream that has started and runs past it ends with
/// the dialect's error event; it is never retried.
/// </param>
public sealed record RouteTimeouts(int? ConnectMs = null, int? FirstByteMs = null, int? TotalMs = null)
{
    public static readonly RouteTimeouts Default = new();
}
