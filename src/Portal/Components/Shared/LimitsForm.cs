using Switchyard.Shared.Configuration;

namespace Switchyard.Portal.Components.Shared;

/// <summary>The rate limits being edited for a key, team or tenant (an empty field: no limit).</summary>
public sealed class LimitsForm
{
    public int? RequestsPerMinute { get; set; }

    public long? TokensPerMinute { get; set; }

    public int? MaxConcurrent { get; set; }

    /// <summary>Per-model limits are kept as they were (edited on the Budgets &amp; limits page).</summary>
    public IReadOnlyDictionary<string, ModelRateLimits>? ModelLimits { get; set; }

    public static LimitsForm From(RateLimits? limits) => new()
    {
        RequestsPerMinute = limits?.RequestsPerMinute,
        TokensPerMinute = limits?.TokensPerMinute,
        MaxConcurrent = limits?.MaxConcurrent,
        ModelLimits = limits?.ModelLimits,
    };

    /// <summary>The limits to send; null when nothing is limited.</summary>
    public RateLimits? ToLimits()
    {
        var limits = new RateLimits(RequestsPerMinute, TokensPerMinute, MaxConcurrent, ModelLimits);
        return limits.IsEmpty ? null : limits;
    }
}
