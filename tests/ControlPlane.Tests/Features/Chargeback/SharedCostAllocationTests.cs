using Switchyard.ControlPlane.Features.Chargeback;

namespace Switchyard.ControlPlane.Tests.Features.Chargeback;

public sealed class SharedCostAllocationTests
{
    private static readonly Guid A = new("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid B = new("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid C = new("00000000-0000-0000-0000-00000000000c");

    [Fact]
    public void Split_ThreeEqualWeights_AddsUpExactlyAndDiffersByAtMostOne()
    {
        var split = SharedCostAllocation.Split(100, new Dictionary<Guid, long> { [A] = 5, [B] = 5, [C] = 5 });

        Assert.Equal(100, split.Values.Sum());
        Assert.Equal([33L, 33L, 34L], split.Values.Order());
    }

    [Fact]
    public void Split_HugeAmountAndWeights_ProportionalWithoutOverflow()
    {
        var split = SharedCostAllocation.Split(999_999_999_999_999, new Dictionary<Guid, long> { [A] = 3_000_000_000_000, [B] = 1_000_000_000_000, [C] = 0 });

        Assert.Equal(999_999_999_999_999, split.Values.Sum());
        Assert.Equal(749_999_999_999_999, split[A], 1.0);
        Assert.False(split.ContainsKey(C)); // no usage, no share
    }

    [Fact]
    public void Split_NoWeight_NothingAllocated()
    {
        Assert.Empty(SharedCostAllocation.Split(1_000, new Dictionary<Guid, long> { [A] = 0 }));
    }
}
