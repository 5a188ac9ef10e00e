namespace Switchyard.DataPlane.Configuration;

/// <summary>
/// Waits for the host to have started (its server listening) before a node's first call to the control plane: in the
/// all-in-one host the control plane is in the same process and does not listen before then, so a call made earlier is
/// refused and logged as a warning for nothing.
/// </summary>
internal static class HostStarted
{
    public static Task WaitAsync(IHostApplicationLifetime? lifetime, CancellationToken stoppingToken)
    {
        if (lifetime is null || lifetime.ApplicationStarted.IsCancellationRequested)
        {
            return Task.CompletedTask;
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var onStarted = lifetime.ApplicationStarted.Register(static s => ((TaskCompletionSource)s!).TrySetResult(), started);
        var onStopping = stoppingToken.Register(static s => ((TaskCompletionSource)s!).TrySetResult(), started);
        return started.Task.ContinueWith(
            _ =>
            {
                onStarted.Dispose();
                onStopping.Dispose();
            },
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
