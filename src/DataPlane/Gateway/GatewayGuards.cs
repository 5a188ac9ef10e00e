using Switchyard.DataPlane.Authentication;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Dialects;

namespace Switchyard.DataPlane.Gateway;

/// <summary>Checks shared by the gateway endpoints, answering in the endpoint's dialect.</summary>
internal static class GatewayGuards
{
    /// <summary>
    /// Readiness (a snapshot that may be served: none yet, stale or stopping → 503) and key auth; writes the error and
    /// returns false when the request must stop.
    /// </summary>
    public static async Task<bool> TryAuthenticateAsync(HttpContext context, SnapshotStore store, VirtualKeyAuthenticator authenticator, GatewayRequestState state, ChatDialect dialect)
    {
        if (store.TryGetUsable(out var unusable) is not { } snapshot)
        {
            await dialect.WriteErrorAsync(context, unusable!);
            return false;
        }

        var result = authenticator.Authenticate(context.Request, snapshot);
        if (!result.Succeeded)
        {
            var kind = result.Status == StatusCodes.Status403Forbidden ? GatewayErrorKind.Permission : GatewayErrorKind.Authentication;
            await dialect.WriteErrorAsync(context, new GatewayError(kind, result.Status, result.Message!) { Code = result.Code });
            return false;
        }

        state.Key = result.Key;
        state.Snapshot = snapshot;
        return true;
    }

    /// <summary>Finds the key's route for the model: 404 when the tenant has none, 403 when the key may not use it.</summary>
    public static async Task<RuntimeRoute?> TryRouteAsync(HttpContext context, GatewayRequestState state, ChatDialect dialect)
    {
        var key = state.Key!;
        var route = state.Snapshot!.FindRoute(key.TenantId, state.Model);
        if (route is null)
        {
            await dialect.WriteErrorAsync(context, GatewayError.NotFound(
                $"The model `{state.Model}` does not exist or you do not have access to it.", "model", "model_not_found"));
            return null;
        }

        if (key.AllowedModels.Count > 0 && !key.AllowedModels.Contains(state.Model, StringComparer.Ordinal))
        {
            await dialect.WriteErrorAsync(context, new GatewayError(GatewayErrorKind.Permission, StatusCodes.Status403Forbidden,
                $"This API key is not allowed to use the model `{state.Model}`.") { Param = "model", Code = "model_not_allowed" });
            return null;
        }

        state.Route = route;
        return route;
    }

    public static Task WriteTooLargeAsync(HttpContext context, ChatDialect dialect, long maxBytes) =>
        dialect.WriteErrorAsync(context, new GatewayError(GatewayErrorKind.RequestTooLarge, StatusCodes.Status413PayloadTooLarge,
            $"The request body exceeds the limit of {maxBytes} bytes.") { Code = "request_too_large" });

    public static async Task WriteServerErrorAsync(HttpContext context, GatewayRequestState state, ChatDialect dialect)
    {
        if (context.Response.HasStarted)
        {
            state.Fail(StatusCodes.Status500InternalServerError, "server_error");
            context.Abort();
            return;
        }

        context.Response.Clear();
        await dialect.WriteErrorAsync(context, GatewayError.Server());
    }
}
