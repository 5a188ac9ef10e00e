using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Dialects;
using Switchyard.DataPlane.Lifecycle;
using Switchyard.DataPlane.Pipeline;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Authentication;

/// <summary>
/// The node must be serving (503 <c>shutting_down</c> while it drains) from a usable config snapshot (503 <c>not_ready</c>
/// before the first one, <c>config_stale</c> when configured to refuse a stale one), and the caller's virtual key must be
/// in it, active, unexpired and of an active tenant (401/403) not suspended by billing (402). Runs on headers alone, before any body is read.
/// </summary>
public sealed class AuthenticateStage(SnapshotStore store, VirtualKeyAuthenticator authenticator, NodeDrain drain) : IGatewayStage
{
    public string Name => "authenticate";

    public int Order => GatewayStageOrder.Authenticate;

    public async ValueTask<bool> RunAsync(GatewayContext context)
    {
        if (await AuthenticateAsync(context.Http, context.Dialect) is not { } caller)
        {
            return false;
        }

        context.Authenticated(caller.Snapshot, caller.Key);
        return true;
    }

    /// <summary>The snapshot and the caller's key, or null once the error was written in <paramref name="dialect"/>.</summary>
    public async ValueTask<(RuntimeSnapshot Snapshot, KeySnapshot Key)?> AuthenticateAsync(HttpContext http, ChatDialect dialect)
    {
        if (drain.IsDraining)
        {
            await dialect.WriteErrorAsync(http, NodeDrain.ShuttingDown);
            return null;
        }

        if (store.TryGetUsable(out var refusal) is not { } snapshot)
        {
            await dialect.WriteErrorAsync(http, refusal!);
            return null;
        }

        var result = authenticator.Authenticate(http.Request, snapshot);
        if (!result.Succeeded)
        {
            var kind = result.Status switch
            {
                StatusCodes.Status403Forbidden => GatewayErrorKind.Permission,
                StatusCodes.Status402PaymentRequired => GatewayErrorKind.PaymentRequired,
                _ => GatewayErrorKind.Authentication,
            };
            await dialect.WriteErrorAsync(http, new GatewayError(kind, result.Status, result.Message!) { Code = result.Code });
            return null;
        }

        return (snapshot, result.Key!);
    }
}
