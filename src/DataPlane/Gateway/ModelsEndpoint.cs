using System.Text.Json;
using Switchyard.DataPlane.Authentication;
using Switchyard.DataPlane.Dialects.OpenAI;
using Switchyard.DataPlane.Streaming;
using Switchyard.DataPlane.Telemetry;

namespace Switchyard.DataPlane.Gateway;

/// <summary>
/// <c>GET /v1/models</c>: the public models this key may call, in OpenAI's list shape (authenticated, not accounted). A route
/// the node could not accept is left out: calling it would only answer 503.
/// </summary>
public sealed class ModelsEndpoint(OpenAIDialect dialect, AuthenticateStage authenticate, ILogger<ModelsEndpoint> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            if (await authenticate.AuthenticateAsync(context, dialect) is not { } caller)
            {
                return;
            }

            var (snapshot, key) = caller;
            var created = snapshot.CreatedAt.ToUnixTimeSeconds();
            using var buffer = new PooledBufferWriter(4096);
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartObject();
                w.WriteString("object", "list");
                w.WriteStartArray("data");
                foreach (var route in snapshot.RoutesByTenant.GetValueOrDefault(key.TenantId) ?? [])
                {
                    if (route.UnavailableReason is not null
                        || (key.AllowedModels.Count > 0 && !key.AllowedModels.Contains(route.PublicModel, StringComparer.Ordinal)))
                    {
                        continue;
                    }

                    w.WriteStartObject();
                    w.WriteString("id", route.PublicModel);
                    w.WriteString("object", "model");
                    w.WriteNumber("created", created);
                    w.WriteString("owned_by", "switchyard");
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            context.Response.ContentType = "application/json";
            context.Response.ContentLength = buffer.WrittenCount;
            await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller left.
        }
        catch (Exception ex)
        {
            DataPlaneLog.UnhandledException(logger, "models", ex);
            if (!context.Response.HasStarted)
            {
                context.Response.Clear();
                await dialect.WriteErrorAsync(context, Chat.GatewayError.Server());
            }
        }
    }
}
