using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Lifecycle;

namespace Switchyard.DataPlane.Tests.Lifecycle;

public sealed class NodeDrainServiceTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly NodeDrain _drain = new();
    private readonly Lifetime _lifetime = new();
    private readonly NodeDrainService _service;

    public NodeDrainServiceTests() => _service = new NodeDrainService(_drain, _lifetime,
        Options.Create(new DrainOptions { DrainTimeoutSeconds = 120 }), _time, NullLogger<NodeDrainService>.Instance);

    public void Dispose()
    {
        _service.Dispose();
        _lifetime.Dispose();
    }

    [Fact]
    public async Task ApplicationStopping_Signalled_DrainsAtOnce()
    {
        await _service.StartAsync(CancellationToken.None);

        _lifetime.StopApplication();

        Assert.True(_drain.IsDraining);
        Assert.False(_drain.TryEnter());
    }

    [Fact]
    public async Task StoppingAsync_RequestInFlight_WaitsUntilItFinishes()
    {
        Assert.True(_drain.TryEnter());

        var stopping = _service.StoppingAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(119));
        Assert.False(stopping.IsCompleted);
        _drain.Exit();

        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, _drain.InFlight);
    }

    [Fact]
    public async Task StoppingAsync_RequestOutlivesTheDrainTimeout_StopsAnyway()
    {
        Assert.True(_drain.TryEnter());

        var stopping = _service.StoppingAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(121));

        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, _drain.InFlight);
    }

    [Fact]
    public async Task StoppingAsync_NothingInFlight_CompletesAtOnce()
    {
        await _service.StoppingAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(_drain.IsDraining);
    }

    private sealed class Lifetime : IHostApplicationLifetime, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new();

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => _stopping.Token;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => _stopping.Cancel();

        public void Dispose() => _stopping.Dispose();
    }
}
