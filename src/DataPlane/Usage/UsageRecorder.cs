using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Gateway;
using Switchyard.DataPlane.Telemetry;
using Switchyard.Shared.Messages;

namespace Switchyard.DataPlane.Usage;

/// <summary>Builds the <see cref="UsageRecord"/> of a finished request and hands it to the spool.</summary>
public sealed class UsageRecorder(UsageQueue queue, IOptions<DataPlaneOptions> options, TimeProvider time, ILogger<UsageRecorder> logger)
{
    private readonly string _nodeId = options.Value.NodeId;

    public void Record(HttpContext context, GatewayRequestState state)
    {
        if (state.Key is not { } key)
        {
            return;
        }

        var now = time.GetTimestamp();
        var deployment = state.Deployment;
        var record = new UsageRecord(
            Guid.CreateVersion7(time.GetUtcNow()),
            time.GetUtcNow(),
            _nodeId,
            key.TenantId,
            key.TeamId,
            key.Id,
            state.Endpoint,
            state.Model,
            state.Route?.Id,
            deployment?.Id,
            deployment?.ProviderKind,
            deployment?.UpstreamModel,
            state.Stream,
            state.PromptTokens,
            state.CompletionTokens,
            state.StatusCode ?? context.Response.StatusCode,
            state.ErrorCode,
            time.GetElapsedTime(state.StartTimestamp, now).TotalMilliseconds,
            state.FirstByteTimestamp is { } first ? time.GetElapsedTime(state.StartTimestamp, first).TotalMilliseconds : null);

        if (!queue.TryEnqueue(record))
        {
            DataPlaneLog.UsageDropped(logger, record.Id);
        }
    }
}
