using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.DataPlane.Usage;
using Switchyard.Shared.Messages;

namespace Switchyard.DataPlane.Tests.Usage;

public class UsageRecordNormalizerTests
{
    [Fact]
    public void Normalize_StorableRecord_ReturnsTheSameInstance()
    {
        var record = Record();

        Assert.Same(record, UsageRecordNormalizer.Normalize(record));
    }

    [Fact]
    public void Normalize_OverlongStrings_CutToTheStoredColumnSizes()
    {
        var record = Record() with
        {
            NodeId = new string('n', 500),
            Endpoint = new string('e', 500),
            Model = new string('m', 5000),
            ProviderKind = new string('p', 500),
            UpstreamModel = new string('u', 500),
            ErrorCode = new string('c', 5000),
        };

        var normalized = UsageRecordNormalizer.Normalize(record);

        Assert.Equal(UsageRecordLimits.NodeId, normalized.NodeId.Length);
        Assert.Equal(UsageRecordLimits.Endpoint, normalized.Endpoint.Length);
        Assert.Equal(UsageRecordLimits.Model, normalized.Model.Length);
        Assert.Equal(UsageRecordLimits.ProviderKind, normalized.ProviderKind!.Length);
        Assert.Equal(UsageRecordLimits.UpstreamModel, normalized.UpstreamModel!.Length);
        Assert.Equal(UsageRecordLimits.ErrorCode, normalized.ErrorCode!.Length);
        Assert.Equal(record with
        {
            NodeId = normalized.NodeId, Endpoint = normalized.Endpoint, Model = normalized.Model, ProviderKind = normalized.ProviderKind,
            UpstreamModel = normalized.UpstreamModel, ErrorCode = normalized.ErrorCode,
        }, normalized);
    }

    [Fact]
    public void Normalize_OverlongPriceVersion_CutToItsColumnSize()
    {
        var record = Record() with { PriceVersion = new string('v', 500), CostMicros = 42 };

        var normalized = UsageRecordNormalizer.Normalize(record);

        Assert.Equal(record with { PriceVersion = new string('v', UsageRecordLimits.PriceVersion) }, normalized);
    }

    [Fact]
    public void Normalize_CutInsideASurrogatePair_KeepsTheTextValid()
    {
        var model = new string('m', UsageRecordLimits.Model - 1) + "😀😀";

        var normalized = UsageRecordNormalizer.Normalize(Record() with { Model = model });

        Assert.Equal(new string('m', UsageRecordLimits.Model - 1), normalized.Model);
    }

    [Fact]
    public void Normalize_ControlCharactersAndLoneSurrogates_RemovedOrReplaced()
    {
        var normalized = UsageRecordNormalizer.Normalize(Record() with { Model = "gpt\0-4o\n", ErrorCode = "bad\uD800code" });

        Assert.Equal("gpt-4o", normalized.Model);
        Assert.Equal("bad\uFFFDcode", normalized.ErrorCode);
    }

    [Fact]
    public void Normalize_ImpossibleNumbers_BecomeSane()
    {
        var record = Record() with
        {
            PromptTokens = -5, CompletionTokens = int.MaxValue, StatusCode = 70000, LatencyMs = double.NaN, TimeToFirstTokenMs = double.PositiveInfinity,
        };

        var normalized = UsageRecordNormalizer.Normalize(record);

        Assert.Equal((0, UsageRecordLimits.MaxTokens, 0, 0d, (double?)null),
            (normalized.PromptTokens, normalized.CompletionTokens, normalized.StatusCode, normalized.LatencyMs, normalized.TimeToFirstTokenMs));
    }

    [Fact]
    public void Normalize_MoreAttemptsThanStored_KeepsTheLastOnes()
    {
        var attempts = Enumerable.Range(0, UsageRecordLimits.MaxAttempts + 2)
            .Select(i => new UsageAttempt(Guid.NewGuid(), Guid.NewGuid(), "openai", 500 + i, "upstream_error", i)).ToArray();

        var normalized = UsageRecordNormalizer.Normalize(Record() with { Attempts = attempts });

        Assert.Equal(attempts[2..], normalized.Attempts);
    }

    private static UsageRecord Record() => new(
        Guid.CreateVersion7(), TestSnapshots.Now, "node-a", TestSnapshots.TenantId, TestSnapshots.TeamId, TestSnapshots.KeyId,
        "chat.completions", "gpt-4o", Guid.NewGuid(), Guid.NewGuid(), "openai", "gpt-4o-2024-08-06", true, 10, 5, 200, null, 12.5, 3.25);
}
