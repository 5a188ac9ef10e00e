namespace Switchyard.DataPlane.Telemetry;

/// <summary>Log messages about routing: failover between deployments, health reports.</summary>
internal static partial class DataPlaneLog
{
    [LoggerMessage(5000, LogLevel.Information, "Attempt {Attempt} to deployment {DeploymentId} failed with HTTP {Status}; failing over.")]
    public static partial void AttemptFailed(ILogger logger, Guid deploymentId, int status, int attempt);

    [LoggerMessage(5001, LogLevel.Warning, "Publishing the deployment health report failed ({ExceptionType}).")]
    public static partial void HealthReportFailed(ILogger logger, string exceptionType);

    [LoggerMessage(5003, LogLevel.Warning, "Publishing the node status report failed ({ExceptionType}).")]
    public static partial void NodeStatusReportFailed(ILogger logger, string exceptionType);

    [LoggerMessage(5002, LogLevel.Debug, "Active health check of deployment {DeploymentId} failed: {Reason}.")]
    public static partial void HealthCheckFailed(ILogger logger, Guid deploymentId, string reason);
}
