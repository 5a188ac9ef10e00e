using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Telemetry;

namespace Switchyard.DataPlane.Lifecycle;

/// <summary>
/// Graceful stop of a node. When the host starts stopping (SIGTERM, Ctrl-C) the node is at once not ready and refuses
/// new gateway requests (503 in the caller's dialect); in <see cref="StoppingAsync"/> — before the web server or any
/// other hosted service stops — it waits until the requests and streams in flight have finished, for at most
/// <see cref="DrainOptions.DrainTimeoutSeconds"/>. Registered after the usage spool writer and publisher, whose own
/// <c>StoppingAsync</c> then run after this one: the spool is flushed and published last.
/// </summary>
public sealed class NodeDrainService(
    NodeDrain drain,
    IHostApplicationLifetime lifetime,
    IOptions<DrainOptions> options,
    TimeProvider time,
    ILogger<NodeDrainService> logger) : IHostedLifecycleService, IDisposable
{
    private CancellationTokenRegistration _onStopping;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // SIGTERM first signals ApplicationStopping, before the host stops its services: refuse from that moment.
        _onStopping = lifetime.ApplicationStopping.Register(drain.Begin);
        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        drain.Begin();
        var timeout = TimeSpan.FromSeconds(options.Value.DrainTimeoutSeconds);
        DataPlaneLog.DrainStarted(logger, drain.InFlight, timeout.TotalSeconds);
        var started = time.GetTimestamp();
        try
        {
            await drain.WhenIdle.WaitAsync(timeout, time, cancellationToken);
            DataPlaneLog.DrainCompleted(logger, time.GetElapsedTime(started).TotalSeconds);
        }
        catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            DataPlaneLog.DrainTimedOut(logger, time.GetElapsedTime(started).TotalSeconds, drain.InFlight);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _onStopping.Dispose();
}
