namespace Switchyard.ControlPlane.Features.Audit;

/// <summary>The audit slice's log messages.</summary>
internal static partial class AuditLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "The admin audit entry of {Method} {Path} could not be written")]
    public static partial void AdminEntryNotWritten(ILogger logger, Exception exception, string method, string path);
}
