using Switchyard.DataPlane.Pipeline;

namespace Switchyard.DataPlane.Providers;

/// <summary>
/// Sends the request to the chosen deployment through the endpoint's forwarding (pass-through or translated) and
/// answers a failure that happened before anything reached the caller in the caller's dialect. Terminal.
/// </summary>
public sealed class ForwardStage : IGatewayStage
{
    public string Name => "forward";

    public int Order => GatewayStageOrder.Forward;

    public async ValueTask<bool> RunAsync(GatewayContext context)
    {
        if (await context.Endpoint.ForwardAsync(context, context.Deployment!) is { } error)
        {
            await context.Dialect.WriteErrorAsync(context.Http, error);
        }

        return false;
    }
}
