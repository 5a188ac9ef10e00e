using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Costs;
using Switchyard.DataPlane.Dialects;
using Switchyard.DataPlane.Guardrails;
using Switchyard.DataPlane.Limits;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Messages;

namespace Switchyard.DataPlane.Pipeline;

/// <summary>
/// One gateway request as it moves through the stages, carried on the <see cref="HttpContext"/> features. Each stage
/// records what it established through one intention-revealing method; the response side reports through
/// <see cref="IResponseObserver"/>, which this class implements and fans out to the registered
/// <see cref="IResponseListener"/>s.
/// </summary>
public sealed class GatewayContext : IResponseObserver
{
    private readonly IResponseListener[] _listeners;
    private readonly IResponseListener[] _bodyListeners;
    private readonly TimeProvider _time;
    private object? _payload;
    private PooledBody _body;
    private long? _firstByte;
    private long _end;
    private TokenUsage _usage;
    private FinishReason? _finish;
    private int? _status;
    private string? _errorCode;
    private CancellationTokenSource? _attemptTimeout;
    private long _deadline;
    private IReadOnlyList<UsageAttempt>? _attempts;
    private int _streamedCharacters;
    private long _budgetCap;
    private int _budgetInput;

    internal GatewayContext(HttpContext http, GatewayEndpoint endpoint, TimeProvider time, IResponseListener[] listeners, IResponseListener[] bodyListeners)
    {
        Http = http;
        Endpoint = endpoint;
        _time = time;
        _listeners = listeners;
        _bodyListeners = bodyListeners;
        StartTimestamp = time.GetTimestamp();
    }

    public HttpContext Http { get; }

    /// <summary>The endpoint being served (its name, dialect, how its body is read and forwarded).</summary>
    public GatewayEndpoint Endpoint { get; }

    public ChatDialect Dialect => Endpoint.Dialect;

    /// <summary>
    /// Cancelled when the caller goes away, or when the current upstream attempt runs past the route's timeouts (see
    /// <see cref="AttemptTimedOut"/>). Pass it to every upstream call.
    /// </summary>
    public CancellationToken Aborted => _attemptTimeout?.Token ?? Http.RequestAborted;

    /// <summary>True when the current attempt was cancelled by the route's timeouts (not by the caller).</summary>
    public bool AttemptTimedOut => _attemptTimeout is { IsCancellationRequested: true } && !Http.RequestAborted.IsCancellationRequested;

    public long StartTimestamp { get; }

    /// <summary>The request body as received, valid until the request ends (empty before the parse stage).</summary>
    public ReadOnlyMemory<byte> Body { get; private set; }

    /// <summary>The public model the caller asked for ("" before the parse stage).</summary>
    public string Model { get; private set; } = "";

    public bool Stream { get; private set; }

    /// <summary>The caller asked for <c>stream_options.include_usage</c>.</summary>
    public bool IncludeUsage { get; private set; }

    /// <summary>What a chat request asks of the model, as the parse stage's first pass saw it.</summary>
    public RequestFeatures Features { get; private set; }

    public RuntimeSnapshot? Snapshot { get; private set; }

    public KeySnapshot? Key { get; private set; }

    public RuntimeRoute? Route { get; private set; }

    public RuntimeDeployment? Deployment { get; private set; }

    /// <summary>The request's place in the rate limits once the limit stage admitted it under some; null when none applies.</summary>
    public LimitLease? Limits { get; private set; }

    /// <summary>The tenant's policies that apply to the request, once the input guard admitted it under some; null when none applies.</summary>
    public GuardState? Guard { get; private set; }

    /// <summary>
    /// The request's attribution tags: the key's, then those the request added with <c>x-switchyard-tags</c>; null for none.
    /// </summary>
    public IReadOnlyList<string>? Tags { get; private set; }

    /// <summary>The budget reservation the request may spend (micro-dollars); 0 when no budget applies.</summary>
    public long BudgetCap => _budgetCap;

    /// <inheritdoc/>
    public GatewayError? CutOff { get; private set; }

    /// <inheritdoc/>
    public bool MayCutOff => _budgetCap > 0;

    /// <summary>Characters of output text streamed so far (see <see cref="IResponseObserver.OutputStreamed"/>).</summary>
    public int StreamedCharacters => _streamedCharacters;

    /// <summary>Every upstream attempt in order when there was more than one; null for a single attempt.</summary>
    public IReadOnlyList<UsageAttempt>? Attempts => _attempts;

    /// <summary>The outcome so far: usage, time to first byte, status and error code to record.</summary>
    public ResponseOutcome Outcome => new(_firstByte, _end, _usage, _finish, _status, _errorCode);

    /// <summary>The parse stage read the body and what the endpoint needs from it.</summary>
    internal void Parsed(PooledBody body, RequestSummary summary)
    {
        _body = body;
        Body = body.Memory;
        Model = summary.Model;
        Stream = summary.Stream;
        IncludeUsage = summary.IncludeUsage;
        Features = summary.Features;
        _payload = summary.Payload;
    }

    /// <summary>What the endpoint's reader produced beside the summary (e.g. the parsed embeddings request).</summary>
    public T Payload<T>()
        where T : class => (T)(_payload ?? throw new InvalidOperationException($"The request has no {typeof(T).Name}."));

    /// <summary>The authenticate stage found the caller's key in this snapshot; every later stage reads this snapshot.</summary>
    public void Authenticated(RuntimeSnapshot snapshot, KeySnapshot key)
    {
        Snapshot = snapshot;
        Key = key;
    }

    /// <summary>The authorise stage settled the request's attribution tags.</summary>
    public void Tagged(IReadOnlyList<string>? tags) => Tags = tags;

    /// <summary>The authorise stage found the key's route for the model and allowed it.</summary>
    public void Authorized(RuntimeRoute route) => Route = route;

    /// <summary>The limit stage admitted the request under <paramref name="lease"/> (given back when the request is over).</summary>
    public void Limited(LimitLease lease) => Limits = lease;

    /// <summary>The input guard admitted the request under the tenant's policies (the answer is checked by them too).</summary>
    public void Guarded(GuardState guard) => Guard = guard;

    /// <summary>
    /// The input guard rewrote the body (redacted, masked or pseudonymized values): every later stage and the forward see
    /// <paramref name="body"/>, and <paramref name="summary"/> read from it. The pooled original is still returned at the end.
    /// </summary>
    public void BodyRewritten(ReadOnlyMemory<byte> body, RequestSummary summary)
    {
        Body = body;
        Features = summary.Features;
        _payload = summary.Payload;
    }

    /// <summary>
    /// The limit stage reserved <paramref name="cap"/> micro-dollars on the request's budgets: streamed output whose cost
    /// (with the <paramref name="inputTokens"/> estimate, at the deployment's price) goes beyond it cuts the stream.
    /// </summary>
    public void Budgeted(long cap, int inputTokens)
    {
        _budgetCap = Math.Max(1, cap);
        _budgetInput = inputTokens;
    }

    /// <summary>The route stage chose the deployment to forward to.</summary>
    public void Routed(RuntimeDeployment deployment) => Deployment = deployment;

    /// <summary>
    /// The route stage's choice for the first attempt: the deployment's index in the route (-1 when none could serve),
    /// whether it is its breaker's probe, and when none could, the earliest recovery (UTC ticks).
    /// </summary>
    internal void Routed(int index, bool probe, long availableAtTicks)
    {
        RoutedIndex = index;
        RoutedProbe = probe;
        RoutedAvailableAt = availableAtTicks;
        Deployment = index >= 0 ? Route!.Deployments[index] : null;
    }

    internal int RoutedIndex { get; private set; } = -1;

    internal bool RoutedProbe { get; private set; }

    internal long RoutedAvailableAt { get; private set; } = long.MaxValue;

    /// <summary>The forward stage moved to a deployment of another route (a fallback model).</summary>
    public void Rerouted(RuntimeRoute route, RuntimeDeployment deployment)
    {
        Route = route;
        Deployment = deployment;
    }

    /// <summary>
    /// The forward stage retries after an attempt that wrote nothing to the caller: what that attempt reported (status,
    /// error code, usage, finish) is forgotten.
    /// </summary>
    internal void Retrying()
    {
        _status = null;
        _errorCode = null;
        _usage = default;
        _finish = null;
        _streamedCharacters = 0;
        CutOff = null;
    }

    /// <summary>The forward stage made more than one upstream attempt: these, in order.</summary>
    public void Attempted(IReadOnlyList<UsageAttempt> attempts) => _attempts = attempts;

    /// <summary>
    /// The next upstream attempt is bounded by <paramref name="timeout"/> (linked to the caller's abort, cancelled at the
    /// attempt's first-byte limit); once the answer starts reaching the caller only <paramref name="deadline"/> (a
    /// timestamp, 0 for none) still bounds it.
    /// </summary>
    internal void AttemptTimeout(CancellationTokenSource? timeout, long deadline)
    {
        _attemptTimeout = timeout;
        _deadline = deadline;
    }

    public void BodyWritten(ReadOnlySpan<byte> bytes)
    {
        if (_firstByte is null)
        {
            _firstByte = _time.GetTimestamp();
            if (_attemptTimeout is { } timeout)
            {
                // The first-byte limit is met: from now on only the request's total deadline applies — to a stream through
                // its upstream reader (UpstreamDeadline), which ends it with the dialect's error event rather than a torn connection.
                timeout.CancelAfter(_deadline == 0 || Stream ? Timeout.InfiniteTimeSpan : Remaining(_deadline));
            }

            foreach (var listener in _listeners)
            {
                listener.ResponseStarted(this);
            }
        }

        foreach (var listener in _bodyListeners)
        {
            listener.BodyWritten(this, bytes);
        }
    }

    public void UsageReported(TokenUsage usage)
    {
        _usage = usage;
        foreach (var listener in _listeners)
        {
            listener.UsageReported(this, usage);
        }
    }

    public void Finished(FinishReason reason) => _finish = reason;

    public void OutputStreamed(int characters)
    {
        _streamedCharacters += characters;
        if (_budgetCap > 0 && CutOff is null && Deployment?.Snapshot.Price is { } price)
        {
            var output = (int)Math.Min(int.MaxValue, ((long)_streamedCharacters + UsageSettlement.CharactersPerToken - 1) / UsageSettlement.CharactersPerToken);
            if (CostCalculator.WorstCaseMicros(_budgetInput, output, price) > _budgetCap)
            {
                CutOff = BudgetCut(_budgetCap);
            }
        }
    }

    /// <summary>The error a stream ends with when its output reached the budget reservation.</summary>
    public static GatewayError BudgetCut(long cap) => new(
        GatewayErrorKind.RateLimit,
        StatusCodes.Status429TooManyRequests,
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Budget exceeded: the output reached what is left of the budget for this request (US${cap / 1_000_000m:0.00####}); the stream was cut."))
    {
        Code = "budget_exceeded",
        Type = "insufficient_quota",
    };

    public void Failed(int status, string code)
    {
        _status = status;
        _errorCode = code;
    }

    private TimeSpan Remaining(long deadline)
    {
        var left = TimeSpan.FromTicks((long)((deadline - _time.GetTimestamp()) * ((double)TimeSpan.TicksPerSecond / _time.TimestampFrequency)));
        return left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1);
    }

    /// <summary>Called once by the pipeline when the request is over, whatever happened.</summary>
    internal void Complete()
    {
        _end = _time.GetTimestamp();
        try
        {
            foreach (var listener in _listeners)
            {
                listener.Completed(this);
            }
        }
        finally
        {
            Body = default;
            _body.Return();
            _body = default;
        }
    }
}
