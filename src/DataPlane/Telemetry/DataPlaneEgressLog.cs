namespace Switchyard.DataPlane.Telemetry;

/// <summary>Source-generated log messages of the node's egress policy. Host and address only: never URLs, keys or secrets.</summary>
internal static partial class DataPlaneEgressLog
{
    [LoggerMessage(4000, LogLevel.Warning,
        "Egress policy refused a connection to {Host}:{Port} ({Address} is {Reason}). If this is a trusted upstream, add it to the platform's egress allow-list (PUT /api/platform/egress) or the node's Egress settings.")]
    public static partial void ConnectionRefused(ILogger logger, string host, int port, string address, string reason);
}
