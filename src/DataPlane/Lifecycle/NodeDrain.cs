using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Lifecycle;

/// <summary>
/// The node's graceful stop: counts the gateway requests in flight (two interlocked operations per request, no lock)
/// and, once <see cref="Begin"/> was called, lets the node report not-ready, refuse new requests and wait until the
/// requests it had accepted have finished.
/// </summary>
public sealed class NodeDrain
{
    /// <summary>What a request arriving while the node drains is answered.</summary>
    public static readonly GatewayError ShuttingDown = new(GatewayErrorKind.Unavailable, StatusCodes.Status503ServiceUnavailable,
        "This gateway node is shutting down. Please retry.") { Code = "shutting_down", RetryAfter = "1" };

    private readonly TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _draining;
    private int _inFlight;

    public bool IsDraining => Volatile.Read(ref _draining) == 1;

    /// <summary>Accepted gateway requests that have not finished.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>
    /// Called as a request arrives. True when it is tracked (the drain waits for it; call <see cref="Exit"/> when it
    /// ends); false once the node drains (the request is not waited for and is refused by the gateway).
    /// </summary>
    public bool TryEnter()
    {
        // Count first, then look: a drain that starts in between sees the count and waits.
        Interlocked.Increment(ref _inFlight);
        if (!IsDraining)
        {
            return true;
        }

        Exit();
        return false;
    }

    public void Exit()
    {
        if (Interlocked.Decrement(ref _inFlight) == 0 && IsDraining)
        {
            _idle.TrySetResult();
        }
    }

    /// <summary>Starts draining (idempotent): from now on the node is not ready and new requests are refused.</summary>
    public void Begin()
    {
        if (Interlocked.Exchange(ref _draining, 1) == 0 && InFlight == 0)
        {
            _idle.TrySetResult();
        }
    }

    /// <summary>Completes when no accepted request is in flight any more; only meaningful after <see cref="Begin"/>.</summary>
    public Task WhenIdle => _idle.Task;
}
