using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Routing;

/// <summary>
/// The passive health of one deployment on this node, fed by real traffic (and optional active checks): a circuit breaker,
/// a provider rate-limit cooldown, the EWMA latency and the requests in flight. Kept by deployment id in
/// <see cref="DeploymentHealthRegistry"/>, so it survives snapshot swaps.
/// </summary>
/// <remarks>
/// <para>
/// Breaker: closed → open after <see cref="BreakerSettings.ConsecutiveFailures"/> failures in a row, or when at least
/// <see cref="BreakerSettings.MinimumRequests"/> requests in the last <see cref="BreakerSettings.WindowSeconds"/> failed at
/// <see cref="BreakerSettings.FailureRatePercent"/> or more; open → half-open when the cooldown is over and one request
/// (the probe) takes it; the probe's success closes it (and clears the window), its failure opens it again. A probe that
/// never reports (lost) is replaced after another cooldown. A provider 429 sets a cooldown until its Retry-After instead.
/// </para>
/// <para>
/// Lock-free: every field is a word read with <see cref="Volatile"/> (no locked instruction on the read path) and updated with
/// <see cref="Interlocked"/>; the window is ten time buckets whose counters
/// are reset by the first writer of a new bucket (a race there can lose a count, which a failure-rate estimate tolerates).
/// Polly.Core's circuit breaker is not used: its controller takes a lock on every execution, is built per pipeline with
/// fixed options (routes change settings with every snapshot), and offers no way to ask "could this deployment serve?"
/// without admitting the request — which is what a strategy choosing among deployments needs.
/// </para>
/// </remarks>
public sealed class DeploymentHealthState
{
    private const int Buckets = 10;
    private const double LatencyWeight = 0.2;

    private const int Closed = 0;
    private const int Open = 1;
    private const int HalfOpen = 2;

    private readonly BucketedCounts _window = new(Buckets);

    private int _state;
    private long _openUntil;
    private long _cooldownUntil;
    private int _consecutiveFailures;
    private int _inFlight;
    private long _latencyBits;
    private long _lastSeen;
    private BreakerSettings _lastSettings = BreakerSettings.Default;

    public DeploymentHealthState(Guid deploymentId, Guid tenantId, Guid routeId)
    {
        DeploymentId = deploymentId;
        TenantId = tenantId;
        RouteId = routeId;
    }

    public Guid DeploymentId { get; }

    /// <summary>The tenant and route the deployment was last served for (a deployment belongs to one route).</summary>
    public Guid TenantId { get; }

    public Guid RouteId { get; }

    /// <summary>Requests in flight to this deployment on this node.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>EWMA latency in milliseconds (time to first token for streams, total time for bodies); 0 before the first success.</summary>
    public double LatencyMs => BitConverter.Int64BitsToDouble(Volatile.Read(ref _latencyBits));

    /// <summary>When the deployment was last used or checked (UTC ticks); 0 never.</summary>
    public long LastSeenTicks => Volatile.Read(ref _lastSeen);

    /// <summary>The breaker settings of the last outcome recorded (its route's; for reports of the window).</summary>
    public BreakerSettings LastSettings => Volatile.Read(ref _lastSettings);

    /// <summary>One of <see cref="BreakerStates"/>.</summary>
    public string BreakerState => Volatile.Read(ref _state) switch
    {
        Open => BreakerStates.Open,
        HalfOpen => BreakerStates.HalfOpen,
        _ => BreakerStates.Closed,
    };

    /// <summary>
    /// True when a request could be sent now: the breaker is closed (or open with its cooldown over, or half-open with a
    /// lost probe) and no rate-limit cooldown runs. Admits nothing: see <see cref="TryAcquire"/>.
    /// </summary>
    public bool IsAvailable(long nowTicks)
    {
        if (nowTicks < Volatile.Read(ref _cooldownUntil))
        {
            return false;
        }

        // Open or half-open: _openUntil is the end of the cooldown, or of the running probe's allowance.
        return Volatile.Read(ref _state) == Closed || nowTicks >= Volatile.Read(ref _openUntil);
    }

    /// <summary>When the deployment can serve again (UTC ticks): now when it can; otherwise the end of its breaker or rate-limit cooldown.</summary>
    public long AvailableAtTicks(long nowTicks)
    {
        var until = Math.Max(Volatile.Read(ref _cooldownUntil), Volatile.Read(ref _state) == Closed ? 0 : Volatile.Read(ref _openUntil));
        return Math.Max(until, nowTicks);
    }

    /// <summary>True while a provider's Retry-After keeps the deployment cooling down.</summary>
    public bool IsRateLimited(long nowTicks) => nowTicks < Volatile.Read(ref _cooldownUntil);

    /// <summary>The end of a running cooldown (breaker open, half-open, or rate limit), in UTC ticks; 0 when none.</summary>
    public long CooldownUntilTicks(long nowTicks)
    {
        var until = Math.Max(Volatile.Read(ref _cooldownUntil), Volatile.Read(ref _state) == Closed ? 0 : Volatile.Read(ref _openUntil));
        return until > nowTicks ? until : 0;
    }

    /// <summary>
    /// Admits one request: always while closed; when the open breaker's cooldown is over, only the one request that turns
    /// it half-open (the probe). Counts it in flight on success; the caller must then call <see cref="Complete"/> once,
    /// passing <paramref name="probe"/> back.
    /// </summary>
    public bool TryAcquire(long nowTicks, BreakerSettings settings, out bool probe)
    {
        probe = false;
        if (nowTicks < Volatile.Read(ref _cooldownUntil))
        {
            return false;
        }

        var state = Volatile.Read(ref _state);
        if (state != Closed)
        {
            var openUntil = Volatile.Read(ref _openUntil);
            if (nowTicks < openUntil)
            {
                return false;
            }

            // Exactly one request wins the probe: the one that moves the deadline. If the probe never reports, another
            // request may probe after one more cooldown (half-open with a lost probe).
            if (Interlocked.CompareExchange(ref _openUntil, nowTicks + CooldownTicks(settings), openUntil) != openUntil)
            {
                return false;
            }

            Interlocked.CompareExchange(ref _state, HalfOpen, Open);
            probe = true;
        }

        Touch(nowTicks);
        Interlocked.Increment(ref _inFlight);
        return true;
    }

    /// <summary>Reports the outcome of a request admitted by <see cref="TryAcquire"/>.</summary>
    /// <param name="latencyMs">For a success: time to first token (streams) or total time (bodies).</param>
    /// <param name="retryAfterTicks">For <see cref="AttemptOutcome.RateLimited"/>: how long to skip the deployment.</param>
    public void Complete(bool probe, AttemptOutcome outcome, long nowTicks, BreakerSettings settings, double latencyMs = 0, long retryAfterTicks = 0)
    {
        Interlocked.Decrement(ref _inFlight);
        Record(probe, outcome, nowTicks, settings, latencyMs, retryAfterTicks);
    }

    /// <summary>
    /// Feeds an outcome. Only the probe's (<paramref name="probe"/>) closes or re-opens a half-open breaker; outcomes of
    /// requests admitted before the breaker opened only count in the window. An active health check reports as a probe.
    /// </summary>
    public void Record(bool probe, AttemptOutcome outcome, long nowTicks, BreakerSettings settings, double latencyMs = 0, long retryAfterTicks = 0)
    {
        Touch(nowTicks);
        if (!ReferenceEquals(Volatile.Read(ref _lastSettings), settings))
        {
            Volatile.Write(ref _lastSettings, settings);
        }

        switch (outcome)
        {
            case AttemptOutcome.Success:
                Succeeded(probe, nowTicks, settings, latencyMs);
                break;
            case AttemptOutcome.Failure:
                Failed(probe, nowTicks, settings);
                break;
            case AttemptOutcome.RateLimited:
                // The provider is up but says "not now": skip it until then without counting it against the breaker.
                RaiseCooldown(nowTicks + Math.Max(retryAfterTicks, TimeSpan.TicksPerSecond));
                ReleaseProbe(probe, nowTicks);
                break;
            default:
                // Nothing learnt (the caller went away, or the answer said nothing about the upstream's health).
                ReleaseProbe(probe, nowTicks);
                break;
        }
    }

    /// <summary>Failed share of the requests in the window (0–1), or null with none; and how many there were.</summary>
    public (double? ErrorRate, int Requests) Window(long nowTicks, BreakerSettings settings)
    {
        var (requests, failures) = Count(nowTicks, settings);
        return (requests == 0 ? null : (double)failures / requests, requests);
    }

    private void Succeeded(bool probe, long nowTicks, BreakerSettings settings, double latencyMs)
    {
        Interlocked.Exchange(ref _consecutiveFailures, 0);
        if (latencyMs > 0)
        {
            UpdateLatency(latencyMs);
        }

        if (probe)
        {
            // The probe answered: serve again, starting a fresh window (the old failures were what opened it).
            ClearWindow();
            Interlocked.Exchange(ref _state, Closed);
            Interlocked.Exchange(ref _openUntil, 0);
            return;
        }

        _window.Add(nowTicks / BucketTicks(settings), 1, 0);
    }

    private void Failed(bool probe, long nowTicks, BreakerSettings settings)
    {
        var consecutive = Interlocked.Increment(ref _consecutiveFailures);
        if (probe)
        {
            // The probe failed: open for another cooldown.
            OpenBreaker(nowTicks, settings);
            return;
        }

        if (Volatile.Read(ref _state) != Closed)
        {
            // Admitted before the breaker opened: it is open already.
            return;
        }

        var (requests, failures) = Count(nowTicks, settings, failed: true);
        if (consecutive >= settings.ConsecutiveFailures
            || (requests >= settings.MinimumRequests && failures * 100L >= (long)settings.FailureRatePercent * requests))
        {
            OpenBreaker(nowTicks, settings);
        }
    }

    private void OpenBreaker(long nowTicks, BreakerSettings settings)
    {
        Interlocked.Exchange(ref _openUntil, nowTicks + CooldownTicks(settings));
        Interlocked.Exchange(ref _state, Open);
    }

    private void ReleaseProbe(bool probe, long nowTicks)
    {
        // A half-open breaker whose probe learnt nothing lets the next request probe at once.
        if (probe && Volatile.Read(ref _state) == HalfOpen)
        {
            Interlocked.Exchange(ref _openUntil, nowTicks);
            Interlocked.CompareExchange(ref _state, Open, HalfOpen);
        }
    }

    private void RaiseCooldown(long until)
    {
        var current = Volatile.Read(ref _cooldownUntil);
        while (until > current)
        {
            var seen = Interlocked.CompareExchange(ref _cooldownUntil, until, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private void UpdateLatency(double sample)
    {
        var current = Volatile.Read(ref _latencyBits);
        while (true)
        {
            var old = BitConverter.Int64BitsToDouble(current);
            var next = old <= 0 ? sample : old + (LatencyWeight * (sample - old));
            var seen = Interlocked.CompareExchange(ref _latencyBits, BitConverter.DoubleToInt64Bits(next), current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private void Touch(long nowTicks)
    {
        if (Volatile.Read(ref _lastSeen) < nowTicks)
        {
            Interlocked.Exchange(ref _lastSeen, nowTicks);
        }
    }

    /// <summary>Adds one request to the current bucket (when <paramref name="failed"/> is given) and sums the window.</summary>
    private (int Requests, int Failures) Count(long nowTicks, BreakerSettings settings, bool? failed = null)
    {
        var epoch = nowTicks / BucketTicks(settings);
        if (failed is { } isFailure)
        {
            _window.Add(epoch, 1, isFailure ? 1 : 0);
        }

        return _window.Sum(epoch);
    }

    private void ClearWindow() => _window.Clear();

    private static long BucketTicks(BreakerSettings settings) => Math.Max(1, settings.WindowSeconds * TimeSpan.TicksPerSecond / Buckets);

    private static long CooldownTicks(BreakerSettings settings) => settings.CooldownSeconds * TimeSpan.TicksPerSecond;
}
