namespace Switchyard.Shared.Messages;

/// <summary>
/// The longest value of each <see cref="UsageRecord"/> string field that the control plane stores (its column sizes).
/// Nodes normalise records to these bounds before spooling them; the control plane quarantines a record that exceeds one.
/// </summary>
public static class UsageRecordLimits
{
    public const int NodeId = 200;
    public const int Endpoint = 64;
    public const int Model = 200;
    public const int ProviderKind = 32;
    public const int UpstreamModel = 200;
    public const int ErrorCode = 100;
    public const int PriceVersion = 200;

    /// <summary>The most tags a record carries: a key's and a request's (see <c>TagRules</c>).</summary>
    public const int MaxTags = Configuration.TagRules.MaxKeyTags + Configuration.TagRules.MaxRequestTags;

    /// <summary>The most <see cref="UsageRecord.Attempts"/> one record carries (a route's retry settings allow at most 10).</summary>
    public const int MaxAttempts = 10;

    /// <summary>Token counts and timings above this are not plausible for one request (and would overflow sums).</summary>
    public const int MaxTokens = 100_000_000;

    /// <summary>One day, in milliseconds: the longest latency or time to first token a record may carry.</summary>
    public const double MaxMilliseconds = 86_400_000;
}
