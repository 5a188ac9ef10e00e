using System.Text.Json;
using Switchyard.DataPlane.Authentication;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Dialects.OpenAI;
using Switchyard.DataPlane.Streaming;
using Switchyard.DataPlane.Telemetry;

namespace Switchyard.DataPlane.Gateway;

/// <summary><c>GET /v1/models</c>: the public models this key may call, in OpenAI's list shape.</summary>
public sealed class ModelsEndpoint(OpenAIDialect dialect, SnapshotStore store, VirtualKeyAuthenticator authenticator, TimeProvider time, ILogger<ModelsEndpoint> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        var state = new GatewayRequestState("models", time.GetTimestamp());
        context.Features.Set(state);
        try
        {
            if (!await GatewayGuards.TryAuthenticateAsync(context, store, authenticator, state, dialect))
            {
                return;
            }

            var key = state.Key!;
            var snapshot = state.Snapshot!;
            var created = snapshot.CreatedAt.ToUnixTimeSeconds();
            using var buffer = new PooledBufferWriter(4096);
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartObject();
                w.WriteString("object", "list");
                w.WriteStartArray("data");
                foreach (var route in snapshot.RoutesByTenant.GetValueOrDefault(key.TenantId) ?? [])
                {
                    if (key.AllowedModels.Count > 0 && !key.AllowedModels.Contains(route.PublicModel, StringComparer.Ordinal))
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
            await GatewayGuards.WriteServerErrorAsync(context, state, dialect);
        }
    }
}
