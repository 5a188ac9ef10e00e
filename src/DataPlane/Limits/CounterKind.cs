namespace Switchyard.DataPlane.Limits;

/// <summary>What a counter of a <see cref="LimitCell"/> counts.</summary>
public enum CounterKind
{
    /// <summary>Requests admitted in the current minute.</summary>
    Requests = 0,

    /// <summary>Tokens (input estimate, settled to input + output) in the current minute.</summary>
    Tokens = 1,

    /// <summary>Requests in flight (no window).</summary>
    Concurrent = 2,
}
