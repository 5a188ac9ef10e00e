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

    /// <summary>
    /// Micro-dollars of a budget period (no window: the period is part of the counter's name, see <see cref="SpendCounter"/>):
    /// the worst-case cost is reserved before the call — or what is left of the budget, when a stream may be cut at it —
    /// and settled to the actual cost after.
    /// </summary>
    Spend = 3,
}
