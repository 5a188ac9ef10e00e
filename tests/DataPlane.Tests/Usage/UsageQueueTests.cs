using Switchyard.DataPlane.Usage;
using Switchyard.Shared.Messages;

namespace Switchyard.DataPlane.Tests.Usage;

public class UsageQueueTests
{
    [Fact]
    public void TryEnqueue_Full_RefusesUntilARecordIsRead()
    {
        var queue = new UsageQueue(2);

        Assert.True(queue.TryEnqueue(Record()));
        Assert.True(queue.TryEnqueue(Record()));
        Assert.False(queue.TryEnqueue(Record()));
        Assert.True(queue.TryRead(out _));
        Assert.True(queue.TryEnqueue(Record()));
        Assert.False(queue.TryEnqueue(Record()));
    }

    [Fact]
    public async Task TryRead_ManyConcurrentWriters_ReadsEveryAcceptedRecordOnce()
    {
        var queue = new UsageQueue(10_000);
        var accepted = 0;

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 3_000; i++)
            {
                if (queue.TryEnqueue(Record()))
                {
                    Interlocked.Increment(ref accepted);
                }
            }
        })));
        var ids = new HashSet<Guid>();
        while (queue.TryRead(out var record))
        {
            Assert.True(ids.Add(record.Id));
        }

        Assert.Equal(10_000, accepted);
        Assert.Equal(accepted, ids.Count);
    }

    private static UsageRecord Record() => new(
        Guid.NewGuid(), DateTimeOffset.UnixEpoch, "node", Guid.Empty, Guid.Empty, Guid.Empty, "chat.completions", "m",
        null, null, null, null, false, 1, 1, 200, null, 1, null);
}
