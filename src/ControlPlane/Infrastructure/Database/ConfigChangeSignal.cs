using System.Threading.Channels;

namespace Switchyard.ControlPlane.Infrastructure.Database;

/// <summary>Wakes the snapshot publisher after a config revision was committed. Signals coalesce.</summary>
public sealed class ConfigChangeSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Notify() => _channel.Writer.TryWrite(true);

    public ValueTask<bool> WaitAsync(CancellationToken cancellationToken) => _channel.Reader.WaitToReadAsync(cancellationToken);

    public void Consume() => _channel.Reader.TryRead(out _);
}
