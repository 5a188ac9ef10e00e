using Switchyard.DataPlane.Authentication;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Errors;

namespace Switchyard.DataPlane.Gateway;

/// <summary>Checks shared by the gateway endpoints.</summary>
internal static class GatewayGuards
{
    /// <summary>Readiness and key auth; writes the error and returns false when the request must stop.</summary>
    public static async Task<bool> TryAuthenticateAsync(HttpContext context, SnapshotStore store, VirtualKeyAuthenticator authenticator, GatewayRequestState state)
    {
        var snapshot = store.Current;
        if (snapshot is null)
        {
            context.Response.Headers.RetryAfter = "1";
            await OpenAIError.WriteAsync(context, StatusCodes.Status503ServiceUnavailable,
                "The gateway is starting and has no configuration yet. Please retry shortly.", OpenAIError.Server, null, "not_ready");
            return false;
        }

        var result = authenticator.Authenticate(context.Request, snapshot);
        if (!result.Succeeded)
        {
            await OpenAIError.WriteAsync(context, result.Status, result.Message!, result.Type!, null, result.Code);
            return false;
        }

        state.Key = result.Key;
        state.Snapshot = snapshot;
        return true;
    }

    public static async Task WriteServerErrorAsync(HttpContext context, GatewayRequestState state)
    {
        if (context.Response.HasStarted)
        {
            state.Fail(StatusCodes.Status500InternalServerError, "server_error");
            context.Abort();
            return;
        }

        context.Response.Clear();
        await OpenAIError.WriteAsync(context, StatusCodes.Status500InternalServerError,
            "The server had an error while processing your request. Sorry about that!", OpenAIError.Server, null, "server_error");
    }
}
