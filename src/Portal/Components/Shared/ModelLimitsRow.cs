using Switchyard.Shared.Configuration;

namespace Switchyard.Portal.Components.Shared;

/// <summary>One public model's rate limits being edited (an empty field: no limit for that model).</summary>
public sealed class ModelLimitsRow
{
    public string Model { get; set; } = "";

    public int? RequestsPerMinute { get; set; }

    public long? TokensPerMinute { get; set; }

    public int? MaxConcurrent { get; set; }

    public ModelRateLimits ToLimits() => new(RequestsPerMinute, TokensPerMinute, MaxConcurrent);
}
