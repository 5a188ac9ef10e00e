using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Configuration;
using Switchyard.Shared.Messages;

namespace Switchyard.DataPlane.Usage;

/// <summary>
/// The hand-off between requests and the spool writer. Lock-free on the request side: a single-reader unbounded
/// channel (a concurrent queue underneath) with the capacity enforced by an interlocked count, where a bounded
/// channel would take a lock on every write.
/// </summary>
public sealed class UsageQueue
{
    private readonly Channel<UsageRecord> _channel = Channel.CreateUnbounded<UsageRecord>(new UnboundedChannelOptions
    {
        SingleReader = true,
        SingleWriter = false,
    });

    private readonly int _capacity;
    private int _count;

    public UsageQueue(IOptions<UsageSpoolOptions> options)
        : this(options.Value.ChannelCapacity)
    {
    }

    public UsageQueue(int capacity) => _capacity = capacity;

    /// <summary>Records waiting for the spool writer.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Never blocks a request: false when the queue is full (the record is then lost and logged).</summary>
    public bool TryEnqueue(UsageRecord record)
    {
        if (Interlocked.Increment(ref _count) > _capacity || !_channel.Writer.TryWrite(record))
        {
            Interlocked.Decrement(ref _count);
            return false;
        }

        return true;
    }

    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken) => _channel.Reader.WaitToReadAsync(cancellationToken);

    public bool TryRead(out UsageRecord record)
    {
        if (_channel.Reader.TryRead(out record!))
        {
            Interlocked.Decrement(ref _count);
            return true;
        }

        return false;
    }

    public void Complete() => _channel.Writer.TryComplete();
}
