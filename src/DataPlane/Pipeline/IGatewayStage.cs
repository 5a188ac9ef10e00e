namespace Switchyard.DataPlane.Pipeline;

/// <summary>
/// One step of the request path shared by every gateway body endpoint (see <see cref="GatewayStageOrder"/>). A stage
/// either passes the request on (returns true) or ends it (returns false after writing the answer, usually an error in
/// the caller's dialect through <see cref="GatewayContext.Dialect"/>). Stages are singletons; per-request state lives
/// on the <see cref="GatewayContext"/>.
/// </summary>
public interface IGatewayStage
{
    /// <summary>e.g. "authenticate"; shown in diagnostics.</summary>
    string Name { get; }

    /// <summary>Where the stage runs (<see cref="GatewayStageOrder"/>); stages run in ascending order.</summary>
    int Order { get; }

    ValueTask<bool> RunAsync(GatewayContext context);
}
