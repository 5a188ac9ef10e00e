using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Costs;

namespace Switchyard.DataPlane.Tests.Costs;

public class UsageSettlementTests
{
    [Fact]
    public void Settle_EndedNormallyWithUsage_KeepsTheProvidersCounts()
    {
        var reported = new TokenUsage(100, 50, CachedInputTokens: 20, ReasoningTokens: 10);

        var usage = UsageSettlement.Settle(reported, endedNormally: true, streamedCharacters: 4000, requestBytes: 800, out var estimated);

        Assert.Equal(reported, usage);
        Assert.False(estimated);
    }

    [Fact]
    public void Settle_StreamCutWithoutUsage_EstimatesInputAndOutputFromTheText()
    {
        var usage = UsageSettlement.Settle(default, endedNormally: false, streamedCharacters: 401, requestBytes: 800, out var estimated);

        Assert.Equal(new TokenUsage(200, 101), usage);
        Assert.True(estimated);
    }

    [Fact]
    public void Settle_StreamCutAfterInputReport_KeepsReportedInputAndEstimatesOutput()
    {
        // Anthropic reports input (and 1 output token) in message_start; the cut stream produced more than that.
        var reported = new TokenUsage(1513, 1, CachedInputTokens: 1502);

        var usage = UsageSettlement.Settle(reported, endedNormally: false, streamedCharacters: 200, requestBytes: 9999, out var estimated);

        Assert.Equal(new TokenUsage(1513, 50, CachedInputTokens: 1502), usage);
        Assert.True(estimated);
    }

    [Fact]
    public void Settle_StreamCutAfterFinalUsage_KeepsTheProvidersCounts()
    {
        var reported = new TokenUsage(10, 60);

        var usage = UsageSettlement.Settle(reported, endedNormally: false, streamedCharacters: 200, requestBytes: 100, out var estimated);

        Assert.Equal(reported, usage);
        Assert.False(estimated);
    }

    [Fact]
    public void Settle_NothingStreamed_BillsOnlyWhatWasReported()
    {
        var usage = UsageSettlement.Settle(default, endedNormally: false, streamedCharacters: 0, requestBytes: 800, out var estimated);

        Assert.Equal(default, usage);
        Assert.False(estimated);
    }

    [Fact]
    public void Settle_CompleteStreamWithoutAnyUsage_IsEstimated()
    {
        var usage = UsageSettlement.Settle(default, endedNormally: true, streamedCharacters: 40, requestBytes: 40, out var estimated);

        Assert.Equal(new TokenUsage(10, 10), usage);
        Assert.True(estimated);
    }
}
