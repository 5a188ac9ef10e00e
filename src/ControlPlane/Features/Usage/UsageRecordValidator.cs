using Switchyard.Shared.Messages;

namespace Switchyard.ControlPlane.Features.Usage;

/// <summary>
/// Whether a usage record can be stored as it is: ids present, strings within <see cref="UsageRecordLimits"/> and valid
/// text for the database (no NUL, no broken surrogate pair), numbers finite and non-negative, at most
/// <see cref="UsageRecordLimits.MaxAttempts"/> attempts, each with the same rules. Nodes normalise their
/// records before sending them; a record that fails here (an older node, a bug) is quarantined, never truncated silently.
/// </summary>
public static class UsageRecordValidator
{
    /// <summary>Why the record cannot be stored, or null when it can.</summary>
    public static string? Problem(UsageRecord record)
    {
        if (record.Id == Guid.Empty)
        {
            return "The record has no id.";
        }

        return Text("nodeId", record.NodeId, UsageRecordLimits.NodeId, required: true)
            ?? Text("endpoint", record.Endpoint, UsageRecordLimits.Endpoint, required: true)
            ?? Text("model", record.Model, UsageRecordLimits.Model, required: true)
            ?? Text("providerKind", record.ProviderKind, UsageRecordLimits.ProviderKind, required: false)
            ?? Text("upstreamModel", record.UpstreamModel, UsageRecordLimits.UpstreamModel, required: false)
            ?? Text("errorCode", record.ErrorCode, UsageRecordLimits.ErrorCode, required: false)
            ?? Text("priceVersion", record.PriceVersion, UsageRecordLimits.PriceVersion, required: false)
            ?? (record.PromptTokens < 0 || record.CompletionTokens < 0 || record.CachedInputTokens < 0 || record.CacheWriteTokens < 0
                || record.ReasoningTokens < 0 ? "Token counts must not be negative." : null)
            ?? (record.CostMicros < 0 ? "costMicros must not be negative." : null)
            ?? CostParts(record)
            ?? Tags(record.Tags)
            ?? Milliseconds("latencyMs", record.LatencyMs)
            ?? (record.TimeToFirstTokenMs is { } ttft ? Milliseconds("timeToFirstTokenMs", ttft) : null)
            ?? Attempts(record.Attempts);
    }

    /// <summary>The cost per token kind, when the node sent it: no negative part, and the parts add up to the cost exactly.</summary>
    private static string? CostParts(UsageRecord record) => record.CostParts switch
    {
        null => null,
        { InputMicros: < 0 } or { CachedInputMicros: < 0 } or { CacheWriteMicros: < 0 } or { OutputMicros: < 0 } or { ReasoningMicros: < 0 } =>
            "costParts must not be negative.",
        var parts when parts.Sum() != record.CostMicros => "costParts must add up to costMicros.",
        _ => null,
    };

    private static string? Tags(IReadOnlyList<string>? tags)
    {
        if (tags is null)
        {
            return null;
        }

        if (tags.Count > UsageRecordLimits.MaxTags)
        {
            return $"tags has {tags.Count} entries; at most {UsageRecordLimits.MaxTags} are stored.";
        }

        for (var i = 0; i < tags.Count; i++)
        {
            if (tags[i] is null || !Switchyard.Shared.Configuration.TagRules.IsValid(tags[i]))
            {
                return $"tags[{i}] is not a valid tag.";
            }
        }

        return null;
    }

    private static string? Attempts(IReadOnlyList<UsageAttempt>? attempts)
    {
        if (attempts is null)
        {
            return null;
        }

        if (attempts.Count > UsageRecordLimits.MaxAttempts)
        {
            return $"attempts has {attempts.Count} entries; at most {UsageRecordLimits.MaxAttempts} are stored.";
        }

        for (var i = 0; i < attempts.Count; i++)
        {
            var field = $"attempts[{i}]";
            if (attempts[i] is not { } attempt)
            {
                return $"{field} is missing.";
            }

            var problem = Text($"{field}.providerKind", attempt.ProviderKind, UsageRecordLimits.ProviderKind, required: true)
                ?? Text($"{field}.errorCode", attempt.ErrorCode, UsageRecordLimits.ErrorCode, required: false)
                ?? (attempt.StatusCode is < 0 or > 999 ? $"{field}.statusCode must be between 0 and 999." : null)
                ?? Milliseconds($"{field}.latencyMs", attempt.LatencyMs);
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? Text(string field, string? value, int maxLength, bool required)
    {
        if (value is null)
        {
            return required ? $"{field} is missing." : null;
        }

        if (value.Length > maxLength)
        {
            return $"{field} is {value.Length} characters long; at most {maxLength} are stored.";
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\0')
            {
                return $"{field} contains a NUL character.";
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return $"{field} is not valid Unicode text (a broken surrogate pair).";
            }
        }

        return null;
    }

    private static string? Milliseconds(string field, double value) =>
        double.IsFinite(value) && value >= 0 ? null : $"{field} must be a finite, non-negative number.";
}
