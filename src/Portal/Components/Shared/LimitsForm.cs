using Switchyard.Shared.Configuration;

namespace Switchyard.Portal.Components.Shared;

/// <summary>The rate limits being edited for a key, team or tenant (an empty field: no limit), per model too.</summary>
public sealed class LimitsForm
{
    public int? RequestsPerMinute { get; set; }

    public long? TokensPerMinute { get; set; }

    public int? MaxConcurrent { get; set; }

    /// <summary>Limits of single public models (rows without a model name or without any limit are dropped).</summary>
    public List<ModelLimitsRow> Models { get; } = [];

    public static LimitsForm From(RateLimits? limits)
    {
        var form = new LimitsForm
        {
            RequestsPerMinute = limits?.RequestsPerMinute,
            TokensPerMinute = limits?.TokensPerMinute,
            MaxConcurrent = limits?.MaxConcurrent,
        };
        foreach (var (model, modelLimits) in limits?.ModelLimits ?? new Dictionary<string, ModelRateLimits>())
        {
            form.Models.Add(new ModelLimitsRow
            {
                Model = model,
                RequestsPerMinute = modelLimits.RequestsPerMinute,
                TokensPerMinute = modelLimits.TokensPerMinute,
                MaxConcurrent = modelLimits.MaxConcurrent,
            });
        }

        return form;
    }

    /// <summary>The limits to send; null when nothing is limited.</summary>
    public RateLimits? ToLimits()
    {
        var models = Models
            .Where(m => !string.IsNullOrWhiteSpace(m.Model) && (m.RequestsPerMinute ?? m.TokensPerMinute ?? m.MaxConcurrent) is not null)
            .GroupBy(m => m.Model.Trim(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().ToLimits(), StringComparer.Ordinal);
        var limits = new RateLimits(RequestsPerMinute, TokensPerMinute, MaxConcurrent, models.Count > 0 ? models : null);
        return limits.IsEmpty ? null : limits;
    }
}
