using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Pipeline;

namespace Switchyard.DataPlane.Routing;

/// <summary>
/// Chooses the deployment of the authorised route for the first attempt (<see cref="DeploymentSelector"/>: the route's
/// strategy among the deployments that are available and can serve the request; when none is, the forward stage tries the
/// route's fallbacks or answers 503). A route the node could not accept from the
/// snapshot (<see cref="Configuration.RuntimeRoute.UnavailableReason"/>) answers 503 <c>route_unavailable</c>: its
/// tenant's other models keep working; one whose every deployment targets a model (or region) the platform has not
/// approved answers 403 <c>model_not_approved</c> naming it.
/// </summary>
public sealed class RouteStage(DeploymentSelector selector) : IGatewayStage
{
    public string Name => "route";

    public int Order => GatewayStageOrder.Route;

    public ValueTask<bool> RunAsync(GatewayContext context)
    {
        var route = context.Route!;
        if (route.UnavailableReason is { } reason)
        {
            return route.NotApproved ? NotApprovedAsync(context, reason) : UnavailableAsync(context, reason);
        }

        var index = selector.Select(context, route, 0, out var probe, out var availableAt);
        context.Routed(index, probe, availableAt);
        return ValueTask.FromResult(true);
    }

    /// <summary>Only deployments the platform has not approved could serve the model: 403 naming the upstream model and region.</summary>
    private static async ValueTask<bool> NotApprovedAsync(GatewayContext context, string reason)
    {
        await context.Dialect.WriteErrorAsync(context.Http, new GatewayError(GatewayErrorKind.Permission, StatusCodes.Status403Forbidden,
            $"The model `{context.Model}` may not be used: {reason}. Ask a platform administrator to approve it.")
            { Param = "model", Code = "model_not_approved" });
        return false;
    }

    private static async ValueTask<bool> UnavailableAsync(GatewayContext context, string reason)
    {
        await context.Dialect.WriteErrorAsync(context.Http, new GatewayError(GatewayErrorKind.Unavailable, StatusCodes.Status503ServiceUnavailable,
            $"The model `{context.Model}` is unavailable: the gateway could not accept its route ({reason}). An administrator must fix the route.")
            { Param = "model", Code = "route_unavailable" });
        return false;
    }
}
