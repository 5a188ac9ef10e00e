namespace Switchyard.DataPlane.Limits;

/// <summary>
/// One request's place in the limits: the counters it must fit (<see cref="CounterOp"/>s of every level together), what
/// the store answered (admitted or which op refused it, the tightest remaining requests and tokens, when the minute
/// resets), and — once admitted — what must be given back when the request ends (<see cref="ILimitStore.Release"/>,
/// exactly once).
/// </summary>
public sealed class LimitLease
{
    /// <summary>Three levels, each with its own and a per-model limit of three kinds, and a budget.</summary>
    public const int MaxOps = 21;

    private readonly CounterOp[] _ops;
    private int _released;

    /// <param name="capacity">How many ops will be added (at most <see cref="MaxOps"/>).</param>
    public LimitLease(long tokenEstimate, int capacity = MaxOps)
    {
        TokenEstimate = tokenEstimate;
        _ops = new CounterOp[Math.Clamp(capacity, 1, MaxOps)];
    }

    /// <summary>The input tokens charged before the call (settled to the actual input + output at release).</summary>
    public long TokenEstimate { get; }

    public int Count { get; private set; }

    /// <summary>The tokens the request used (input + output), set when it is released.</summary>
    public long ActualTokens { get; internal set; }

    /// <summary>The request's worst-case cost in micro-dollars: what each <see cref="CounterKind.Spend"/> op asks to reserve.</summary>
    public long SpendRequested { get; private set; }

    /// <summary>
    /// The least reservation the request can be admitted with (a stream that can be cut when its output reaches what it
    /// reserved: its input's cost; otherwise the whole worst case).
    /// </summary>
    public long SpendMinimum { get; private set; }

    /// <summary>What was reserved on every budget level: the worst case, or less when a budget had less left (cut at it).</summary>
    public long SpendGranted { get; internal set; }

    /// <summary>The request's actual cost in micro-dollars, set when it is released (its reservations settle to it).</summary>
    public long ActualSpend { get; internal set; }

    /// <summary>True when a budget applies (at least one <see cref="CounterKind.Spend"/> op).</summary>
    public bool HasSpend { get; private set; }

    /// <summary>The end of the budget periods' tightest level, for <c>retry-after</c> on a budget refusal (Unix ms; 0: never).</summary>
    public long SpendResetUnixMilliseconds { get; set; }

    /// <summary>Sets what the budget ops reserve: <paramref name="requested"/>, and at least <paramref name="minimum"/>.</summary>
    public void Reserve(long requested, long minimum)
    {
        SpendRequested = Math.Max(0, requested);
        SpendMinimum = Math.Clamp(minimum, 0, SpendRequested);
    }

    /// <summary>The ops to apply; the store fills in what it needs for the release.</summary>
    public Span<CounterOp> Ops => _ops.AsSpan(0, Count);

    /// <summary>The minute the window counters were charged in (Unix ms / 60 000, by the store's clock).</summary>
    public long Window { get; internal set; }

    /// <summary>Milliseconds until that minute ends.</summary>
    public long ResetMilliseconds { get; internal set; }

    /// <summary>True when admitted on the node's local share (Redis unreachable): released locally too.</summary>
    public bool Local { get; internal set; }

    /// <summary>The op that refused the request (-1 when admitted), and its counter's value before it.</summary>
    public int Refused { get; internal set; } = -1;

    public long RefusedUsed { get; internal set; }

    /// <summary>The limit that refused, as enforced (a local share of the configured one while Redis is down).</summary>
    public long RefusedLimit { get; internal set; }

    /// <summary>The tightest requests-per-minute limit and what is left of it (-1: none applies).</summary>
    public long RequestsLimit { get; internal set; } = -1;

    public long RequestsRemaining { get; internal set; }

    /// <summary>The tightest tokens-per-minute limit and what is left of it (-1: none applies).</summary>
    public long TokensLimit { get; internal set; } = -1;

    public long TokensRemaining { get; internal set; }

    public void Add(in CounterOp op)
    {
        if (Count < _ops.Length)
        {
            _ops[Count++] = op;
            HasSpend |= op.Kind == CounterKind.Spend;
        }
    }

    /// <summary>The amount op <paramref name="index"/> adds once admitted (a budget op: what was granted).</summary>
    internal long AmountOf(in CounterOp op) => op.Kind == CounterKind.Spend ? SpendGranted : op.Amount;

    /// <summary>Notes what is left of a counter after this request (the tightest per kind goes to the headers).</summary>
    internal void Remaining(CounterKind kind, long limit, long remaining)
    {
        remaining = Math.Max(0, remaining);
        if (kind == CounterKind.Requests && (RequestsLimit < 0 || remaining < RequestsRemaining))
        {
            RequestsLimit = limit;
            RequestsRemaining = remaining;
        }
        else if (kind == CounterKind.Tokens && (TokensLimit < 0 || remaining < TokensRemaining))
        {
            TokensLimit = limit;
            TokensRemaining = remaining;
        }
    }

    internal void ResetAnswer()
    {
        Refused = -1;
        RequestsLimit = -1;
        TokensLimit = -1;
        Local = false;
        SpendGranted = 0;
    }

    /// <summary>True the first time only: a lease is released once, whatever calls it.</summary>
    internal bool TryMarkReleased() => Interlocked.Exchange(ref _released, 1) == 0;
}
