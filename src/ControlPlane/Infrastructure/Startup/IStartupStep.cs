namespace Switchyard.ControlPlane.Infrastructure.Startup;

/// <summary>
/// One piece of start-up work a slice needs once the database is migrated (first revision, bootstrap admin key, demo
/// seed). Registered with <see cref="StartupExtensions.AddStartupStep{T}"/>; steps run in registration order, in one
/// scope, before the job server and the bus start. A failure stops the process with its message.
/// </summary>
public interface IStartupStep
{
    Task RunAsync(CancellationToken cancellationToken);
}
