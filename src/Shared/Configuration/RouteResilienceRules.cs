namespace Switchyard.Shared.Configuration;

/// <summary>
/// The ranges a route's fallbacks, retry, timeout and breaker settings must keep, and a deployment's routing fields
/// (priority, prices, health check). The control plane refuses values outside them; a node keeps such a route as unavailable.
/// Field names follow the admin API's JSON (<c>retry.maxAttempts</c>, <c>fallbacks[1]</c>).
/// </summary>
public static class RouteResilienceRules
{
    public const int MaxFallbacks = 8;
    public const int MaxAttempts = 10;
    public const int MaxBackoffMs = 60_000;
    public const int MaxRetryAfterSeconds = 60;
    public const int MaxPriority = 1000;
    public const decimal MaxPricePerMTok = 100_000m;
    public const int MinHealthCheckIntervalSeconds = 5;
    public const int MaxHealthCheckIntervalSeconds = 3600;

    /// <summary>Adds an error for each route-level field out of range.</summary>
    public static void Validate(
        string? publicModel,
        IReadOnlyList<string>? fallbacks,
        IReadOnlyList<string>? contextWindowFallbacks,
        IReadOnlyList<string>? contentPolicyFallbacks,
        RouteRetrySettings? retry,
        RouteTimeouts? timeouts,
        BreakerSettings? breaker,
        ICollection<ConfigFieldError> errors)
    {
        Fallbacks("fallbacks", publicModel, fallbacks, errors);
        Fallbacks("contextWindowFallbacks", publicModel, contextWindowFallbacks, errors);
        Fallbacks("contentPolicyFallbacks", publicModel, contentPolicyFallbacks, errors);

        if (retry is not null)
        {
            Range(errors, "retry.maxAttempts", retry.MaxAttempts, 1, MaxAttempts);
            Range(errors, "retry.backoffMs", retry.BackoffMs, 0, MaxBackoffMs);
            Range(errors, "retry.maxBackoffMs", retry.MaxBackoffMs, retry.BackoffMs, MaxBackoffMs);
            Range(errors, "retry.budgetPercent", retry.BudgetPercent, 0, 100);
            Range(errors, "retry.maxRetryAfterSeconds", retry.MaxRetryAfterSeconds, 0, MaxRetryAfterSeconds);
        }

        if (timeouts is not null)
        {
            Optional(errors, "timeouts.connectMs", timeouts.ConnectMs, 100, 60_000);
            Optional(errors, "timeouts.firstByteMs", timeouts.FirstByteMs, 100, 600_000);
            Optional(errors, "timeouts.totalMs", timeouts.TotalMs, 100, 3_600_000);
        }

        if (breaker is not null)
        {
            Range(errors, "breaker.consecutiveFailures", breaker.ConsecutiveFailures, 1, 1000);
            Range(errors, "breaker.failureRatePercent", breaker.FailureRatePercent, 1, 100);
            Range(errors, "breaker.minimumRequests", breaker.MinimumRequests, 1, 100_000);
            Range(errors, "breaker.windowSeconds", breaker.WindowSeconds, 1, 3600);
            Range(errors, "breaker.cooldownSeconds", breaker.CooldownSeconds, 1, 3600);
        }
    }

    /// <summary>Adds an error for each deployment routing field out of range (<c>priority</c>, prices, <c>healthCheckIntervalSeconds</c>).</summary>
    public static void ValidateDeployment(
        int priority, decimal? inputPricePerMTok, decimal? outputPricePerMTok, int? healthCheckIntervalSeconds, ICollection<ConfigFieldError> errors)
    {
        Range(errors, "priority", priority, 0, MaxPriority);
        Price(errors, "inputPricePerMTok", inputPricePerMTok);
        Price(errors, "outputPricePerMTok", outputPricePerMTok);
        Optional(errors, "healthCheckIntervalSeconds", healthCheckIntervalSeconds, MinHealthCheckIntervalSeconds, MaxHealthCheckIntervalSeconds);
    }

    /// <summary>
    /// The resolved price a deployment carries in the snapshot: a version id of 1 to <see cref="Messages.UsageRecordLimits.PriceVersion"/>
    /// characters and every rate between 0 and <see cref="MaxPricePerMTok"/>. A node drops a deployment whose price breaks them.
    /// </summary>
    public static void ValidatePrice(DeploymentPrice? price, ICollection<ConfigFieldError> errors)
    {
        if (price is null)
        {
            return;
        }

        if (string.IsNullOrEmpty(price.Version) || price.Version.Length > Messages.UsageRecordLimits.PriceVersion)
        {
            errors.Add(new ConfigFieldError("price.version", $"The price version must be 1 to {Messages.UsageRecordLimits.PriceVersion} characters."));
        }

        Price(errors, "price.inputPerMTok", price.InputPerMTok);
        Price(errors, "price.outputPerMTok", price.OutputPerMTok);
        Price(errors, "price.cachedInputPerMTok", price.CachedInputPerMTok);
        Price(errors, "price.cacheWritePerMTok", price.CacheWritePerMTok);
        Price(errors, "price.reasoningPerMTok", price.ReasoningPerMTok);
        Price(errors, "price.embeddingInputPerMTok", price.EmbeddingInputPerMTok);
    }

    private static void Fallbacks(string field, string? publicModel, IReadOnlyList<string>? models, ICollection<ConfigFieldError> errors)
    {
        if (models is null)
        {
            return;
        }

        if (models.Count > MaxFallbacks)
        {
            errors.Add(new ConfigFieldError(field, $"A route can have at most {MaxFallbacks} {field}."));
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < models.Count; i++)
        {
            var model = models[i];
            if (string.IsNullOrWhiteSpace(model) || model.Length > RouteRules.PublicModelMaxLength)
            {
                errors.Add(new ConfigFieldError($"{field}[{i}]", $"A fallback must be a public model name of 1 to {RouteRules.PublicModelMaxLength} characters."));
            }
            else if (string.Equals(model, publicModel, StringComparison.Ordinal))
            {
                errors.Add(new ConfigFieldError($"{field}[{i}]", "A route cannot be its own fallback."));
            }
            else if (!seen.Add(model))
            {
                errors.Add(new ConfigFieldError($"{field}[{i}]", $"The fallback '{model}' is listed twice."));
            }
        }
    }

    private static void Range(ICollection<ConfigFieldError> errors, string field, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add(new ConfigFieldError(field, $"The {field} field must be between {min} and {max}."));
        }
    }

    private static void Optional(ICollection<ConfigFieldError> errors, string field, int? value, int min, int max)
    {
        if (value is { } v)
        {
            Range(errors, field, v, min, max);
        }
    }

    private static void Price(ICollection<ConfigFieldError> errors, string field, decimal? value)
    {
        if (value is { } v && (v < 0 || v > MaxPricePerMTok))
        {
            errors.Add(new ConfigFieldError(field, $"The {field} field must be between 0 and {MaxPricePerMTok} (USD per million tokens)."));
        }
    }
}
