using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Limits;

/// <summary>
/// The <c>limits</c> field of keys, teams and tenants (create and PATCH): validated by <see cref="RateLimitRules"/> with
/// errors named <c>limits.…</c>, and stored normalised — model names trimmed and ordered (so equal limits serialise, and
/// hash, equally), empty limits as none.
/// </summary>
public static class LimitsField
{
    public const string Name = "limits";

    public static ValidationErrors Validate(this ValidationErrors errors, RateLimits? limits)
    {
        if (limits is null)
        {
            return errors;
        }

        var found = new List<ConfigFieldError>();
        RateLimitRules.Validate(limits, found);
        return errors.Add(Name + ".", found);
    }

    /// <summary>The limits to store: null when nothing is limited.</summary>
    public static RateLimits? Normalize(RateLimits? limits)
    {
        if (limits is null || limits.IsEmpty)
        {
            return null;
        }

        SortedDictionary<string, ModelRateLimits>? models = null;
        if (limits.ModelLimits is { Count: > 0 } given)
        {
            models = new SortedDictionary<string, ModelRateLimits>(StringComparer.Ordinal);
            foreach (var (model, modelLimits) in given)
            {
                if (modelLimits is { RequestsPerMinute: not null } or { TokensPerMinute: not null } or { MaxConcurrent: not null })
                {
                    models[model.Trim()] = modelLimits;
                }
            }
        }

        var normalized = limits with { ModelLimits = models is { Count: > 0 } ? models : null };
        return normalized.IsEmpty ? null : normalized;
    }
}
