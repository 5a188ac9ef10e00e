using System.Text;
using Switchyard.Shared.Messages;

namespace Switchyard.DataPlane.Usage;

/// <summary>
/// Makes a usage record storable before it becomes durable (the spool writer runs every record through it): every string
/// field within <see cref="UsageRecordLimits"/>, without control characters or broken surrogate pairs (PostgreSQL
/// rejects NUL and invalid UTF-8), and every number finite, non-negative and plausible. A record that is already fine is
/// returned as is, so the common case allocates nothing.
/// </summary>
public static class UsageRecordNormalizer
{
    public static UsageRecord Normalize(UsageRecord record)
    {
        var nodeId = Text(record.NodeId, UsageRecordLimits.NodeId) ?? "";
        var endpoint = Text(record.Endpoint, UsageRecordLimits.Endpoint) ?? "";
        var model = Text(record.Model, UsageRecordLimits.Model) ?? "";
        var providerKind = Text(record.ProviderKind, UsageRecordLimits.ProviderKind);
        var upstreamModel = Text(record.UpstreamModel, UsageRecordLimits.UpstreamModel);
        var errorCode = Text(record.ErrorCode, UsageRecordLimits.ErrorCode);
        var priceVersion = Text(record.PriceVersion, UsageRecordLimits.PriceVersion);
        var promptTokens = Tokens(record.PromptTokens);
        var completionTokens = Tokens(record.CompletionTokens);
        var statusCode = record.StatusCode is >= 100 and <= 999 ? record.StatusCode : 0;
        var latency = Milliseconds(record.LatencyMs) ?? 0;
        var firstToken = Milliseconds(record.TimeToFirstTokenMs);
        // The last attempts are kept: the record's route and deployment are the last attempt's.
        var attempts = record.Attempts is { Count: > UsageRecordLimits.MaxAttempts } all
            ? all.Skip(all.Count - UsageRecordLimits.MaxAttempts).ToArray()
            : record.Attempts;

        if (ReferenceEquals(nodeId, record.NodeId) && ReferenceEquals(endpoint, record.Endpoint) && ReferenceEquals(model, record.Model)
            && ReferenceEquals(providerKind, record.ProviderKind) && ReferenceEquals(upstreamModel, record.UpstreamModel)
            && ReferenceEquals(errorCode, record.ErrorCode) && promptTokens == record.PromptTokens && completionTokens == record.CompletionTokens
            && statusCode == record.StatusCode && latency.Equals(record.LatencyMs) && Nullable.Equals(firstToken, record.TimeToFirstTokenMs)
            && ReferenceEquals(attempts, record.Attempts) && ReferenceEquals(priceVersion, record.PriceVersion))
        {
            return record;
        }

        return record with
        {
            NodeId = nodeId,
            Endpoint = endpoint,
            Model = model,
            ProviderKind = providerKind,
            UpstreamModel = upstreamModel,
            ErrorCode = errorCode,
            PromptTokens = promptTokens,
            CompletionTokens = completionTokens,
            StatusCode = statusCode,
            LatencyMs = latency,
            TimeToFirstTokenMs = firstToken,
            Attempts = attempts,
            PriceVersion = priceVersion,
        };
    }

    /// <summary>The value itself when it is clean and short enough; otherwise a cleaned copy cut at a character boundary.</summary>
    private static string? Text(string? value, int maxLength)
    {
        if (value is null || (value.Length <= maxLength && IsClean(value)))
        {
            return value;
        }

        var builder = new StringBuilder(Math.Min(value.Length, maxLength));
        for (var i = 0; i < value.Length && builder.Length < maxLength; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                if (builder.Length + 2 > maxLength)
                {
                    break;
                }

                builder.Append(c).Append(value[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                builder.Append('\uFFFD');
            }
            else if (!char.IsControl(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool IsClean(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c))
            {
                return false;
            }

            if (char.IsSurrogate(c))
            {
                if (!char.IsHighSurrogate(c) || i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return false;
                }

                i++;
            }
        }

        return true;
    }

    private static int Tokens(int value) => Math.Clamp(value, 0, UsageRecordLimits.MaxTokens);

    /// <summary>Within 0 and <see cref="UsageRecordLimits.MaxMilliseconds"/>; null when absent or not a number.</summary>
    private static double? Milliseconds(double? value) =>
        value is { } v && double.IsFinite(v) ? Math.Clamp(v, 0, UsageRecordLimits.MaxMilliseconds) : null;
}
