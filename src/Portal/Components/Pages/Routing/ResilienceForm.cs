using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.Portal.Components.Pages.Routing;

/// <summary>
/// A route's retry, timeout and breaker settings as the editor edits them: an empty field takes the default, and a group with
/// every field empty is sent as null (the defaults).
/// </summary>
public sealed class ResilienceForm
{
    public int? MaxAttempts { get; set; }
    public int? BackoffMs { get; set; }
    public int? MaxBackoffMs { get; set; }
    public int? BudgetPercent { get; set; }
    public int? MaxRetryAfterSeconds { get; set; }

    public int? ConnectMs { get; set; }
    public int? FirstByteMs { get; set; }
    public int? TotalMs { get; set; }

    public int? ConsecutiveFailures { get; set; }
    public int? FailureRatePercent { get; set; }
    public int? MinimumRequests { get; set; }
    public int? WindowSeconds { get; set; }
    public int? CooldownSeconds { get; set; }

    public bool IsCustomized => ToRetry() is not null || ToTimeouts() is not null || ToBreaker() is not null;

    public static ResilienceForm From(RouteDto route) => new()
    {
        MaxAttempts = route.Retry?.MaxAttempts,
        BackoffMs = route.Retry?.BackoffMs,
        MaxBackoffMs = route.Retry?.MaxBackoffMs,
        BudgetPercent = route.Retry?.BudgetPercent,
        MaxRetryAfterSeconds = route.Retry?.MaxRetryAfterSeconds,
        ConnectMs = route.Timeouts?.ConnectMs,
        FirstByteMs = route.Timeouts?.FirstByteMs,
        TotalMs = route.Timeouts?.TotalMs,
        ConsecutiveFailures = route.Breaker?.ConsecutiveFailures,
        FailureRatePercent = route.Breaker?.FailureRatePercent,
        MinimumRequests = route.Breaker?.MinimumRequests,
        WindowSeconds = route.Breaker?.WindowSeconds,
        CooldownSeconds = route.Breaker?.CooldownSeconds,
    };

    public RouteRetrySettings? ToRetry()
    {
        if (MaxAttempts is null && BackoffMs is null && MaxBackoffMs is null && BudgetPercent is null && MaxRetryAfterSeconds is null)
        {
            return null;
        }

        var d = RouteRetrySettings.Default;
        return new RouteRetrySettings(
            MaxAttempts ?? d.MaxAttempts,
            BackoffMs ?? d.BackoffMs,
            MaxBackoffMs ?? d.MaxBackoffMs,
            BudgetPercent ?? d.BudgetPercent,
            MaxRetryAfterSeconds ?? d.MaxRetryAfterSeconds);
    }

    public RouteTimeouts? ToTimeouts() =>
        ConnectMs is null && FirstByteMs is null && TotalMs is null ? null : new RouteTimeouts(ConnectMs, FirstByteMs, TotalMs);

    public BreakerSettings? ToBreaker()
    {
        if (ConsecutiveFailures is null && FailureRatePercent is null && MinimumRequests is null && WindowSeconds is null && CooldownSeconds is null)
        {
            return null;
        }

        var d = BreakerSettings.Default;
        return new BreakerSettings(
            ConsecutiveFailures ?? d.ConsecutiveFailures,
            FailureRatePercent ?? d.FailureRatePercent,
            MinimumRequests ?? d.MinimumRequests,
            WindowSeconds ?? d.WindowSeconds,
            CooldownSeconds ?? d.CooldownSeconds);
    }
}
