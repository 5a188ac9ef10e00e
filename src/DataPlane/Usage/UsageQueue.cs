using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Configuration;
using Switchyard.Shared.Messages;

namespace Switchyard.DataPlane.Usage;

/// <summary>The bounded hand-off between requests and the spool writer.</summary>
public sealed class UsageQueue
{
    private readonly Channel<UsageRecord> _channel;

    public UsageQueue(IOptions<DataPlaneOptions> options)
        : this(options.Value.Usage.ChannelCapacity)
    {
    }

    public UsageQueue(int capacity)
    {
        _channel = Channel.CreateBounded<UsageRecord>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public ChannelReader<UsageRecord> Reader => _channel.Reader;

    /// <summary>Never blocks a request: false when the queue is full (the record is then lost and logged).</summary>
    public bool TryEnqueue(UsageRecord record) => _channel.Writer.TryWrite(record);

    public void Complete() => _channel.Writer.TryComplete();
}
