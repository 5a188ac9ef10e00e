namespace Switchyard.DataPlane.Limits;

/// <summary>
/// One counter a request must fit: <see cref="Amount"/> is added to the cell's counter of <see cref="Kind"/> unless that
/// would take it over <see cref="Limit"/>. A request's ops are all applied or none (see <see cref="ILimitStore"/>).
/// </summary>
public struct CounterOp(LimitCell cell, CounterKind kind, long limit, long amount, LimitScope scope, string model)
{
    public LimitCell Cell { get; } = cell;
    public CounterKind Kind { get; } = kind;
    public long Limit { get; } = limit;
    public long Amount { get; } = amount;

    /// <summary>The level the limit belongs to (named in a refusal).</summary>
    public LimitScope Scope { get; } = scope;

    /// <summary>The public model of a per-model limit; "" for the level's own.</summary>
    public string Model { get; } = model;

    /// <summary>The local minute counter the amount went to (local admission), settled there later.</summary>
    internal WindowCounter? Window;

    /// <summary>The budget period's counter of a <see cref="CounterKind.Spend"/> op (set when the op is built).</summary>
    internal SpendCounter? Spend;

    /// <summary>
    /// A budget of <paramref name="limitMicros"/> on <paramref name="cell"/>'s level in the period <paramref name="period"/>
    /// (<c>BudgetPeriods</c> key): reserves the lease's <see cref="LimitLease.SpendRequested"/> or what it is granted.
    /// </summary>
    public static CounterOp Budget(LimitCell cell, long limitMicros, LimitScope scope, string period) =>
        new(cell, CounterKind.Spend, limitMicros, 0, scope, "") { Spend = cell.Spend(period) };

    /// <summary>The op's Redis counter.</summary>
    public readonly StackExchange.Redis.RedisKey RedisKey => Kind == CounterKind.Spend ? Spend!.RedisKey : Cell.RedisKey(Kind);
}
