namespace Switchyard.Shared.Configuration;

/// <summary>The rules <see cref="RateLimits"/> must meet: positive values, at most <see cref="MaxModels"/> named models.</summary>
public static class RateLimitRules
{
    public const int MaxModels = 100;
    public const long MaxValue = 1_000_000_000_000;

    /// <summary>Adds an error for each field that breaks the rules, named relative to the limits (<c>modelLimits.gpt-4o.maxConcurrent</c>).</summary>
    public static void Validate(RateLimits limits, ICollection<ConfigFieldError> errors)
    {
        Check("requestsPerMinute", limits.RequestsPerMinute, errors);
        Check("tokensPerMinute", limits.TokensPerMinute, errors);
        Check("maxConcurrent", limits.MaxConcurrent, errors);
        if (limits.ModelLimits is not { } models)
        {
            return;
        }

        if (models.Count > MaxModels)
        {
            errors.Add(new ConfigFieldError("modelLimits", $"At most {MaxModels} models can have their own limits."));
        }

        foreach (var (model, modelLimits) in models)
        {
            if (string.IsNullOrWhiteSpace(model) || model.Length > RouteRules.PublicModelMaxLength)
            {
                errors.Add(new ConfigFieldError("modelLimits", $"Model names must be 1 to {RouteRules.PublicModelMaxLength} characters, like a route's publicModel."));
                continue;
            }

            if (modelLimits is null)
            {
                errors.Add(new ConfigFieldError($"modelLimits.{model}", "The model's limits must be an object."));
                continue;
            }

            Check($"modelLimits.{model}.requestsPerMinute", modelLimits.RequestsPerMinute, errors);
            Check($"modelLimits.{model}.tokensPerMinute", modelLimits.TokensPerMinute, errors);
            Check($"modelLimits.{model}.maxConcurrent", modelLimits.MaxConcurrent, errors);
        }
    }

    private static void Check(string field, long? value, ICollection<ConfigFieldError> errors)
    {
        if (value is { } v && (v < 1 || v > MaxValue))
        {
            errors.Add(new ConfigFieldError(field, $"The {field} field must be between 1 and {MaxValue} (leave it out for no limit)."));
        }
    }
}
