using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Audit;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Costs;
using Switchyard.DataPlane.Gateway;
using Switchyard.DataPlane.Pipeline;
using Switchyard.DataPlane.Telemetry;
using Switchyard.Shared.Messages;

namespace Switchyard.DataPlane.Usage;

/// <summary>
/// Accounts every authenticated request once it is over: builds its <see cref="UsageRecord"/> from the
/// <see cref="GatewayContext"/> and hands it to the spool. Requests refused before authentication have no tenant to
/// account to and are not recorded. The tokens billed are settled by <see cref="UsageSettlement"/> (a cut stream is billed
/// for what it produced) and costed by <see cref="CostCalculator"/> at the deployment's snapshot price (the total and its part per token kind), so the record is
/// right even while the control plane is down. The record carries the request's audit data (<see cref="AuditRecorder"/>),
/// so audit entries travel, and are stored exactly once, with it.
/// </summary>
public sealed class UsageRecorder(
    UsageQueue queue, AuditRecorder audit, IOptions<NodeOptions> options, TimeProvider time, ILogger<UsageRecorder> logger) : IResponseListener
{
    private readonly string _nodeId = options.Value.NodeId;

    public void Completed(GatewayContext context)
    {
        if (context.Key is not { } key)
        {
            return;
        }

        var outcome = context.Outcome;
        var deployment = context.Deployment;
        var now = time.GetUtcNow();
        var usage = UsageSettlement.Settle(
            outcome.Usage, outcome.ErrorCode is null, context.StreamedCharacters, context.Body.Length, out var estimated);
        var price = deployment?.Snapshot.Price;
        var embedding = context.Endpoint.Name == EmbeddingsEndpoint.EndpointName;
        var cost = CostCalculator.CostParts(usage, price, embedding);
        var record = new UsageRecord(
            Guid.CreateVersion7(now),
            now,
            _nodeId,
            key.TenantId,
            key.TeamId,
            key.Id,
            context.Endpoint.Name,
            context.Model,
            context.Route?.Id,
            deployment?.Id,
            deployment?.ProviderKind,
            deployment?.UpstreamModel,
            context.Stream,
            usage.InputTokens,
            usage.OutputTokens,
            outcome.Status ?? context.Http.Response.StatusCode,
            outcome.ErrorCode,
            time.GetElapsedTime(context.StartTimestamp, outcome.EndTimestamp).TotalMilliseconds,
            outcome.FirstByteTimestamp is { } first ? time.GetElapsedTime(context.StartTimestamp, first).TotalMilliseconds : null,
            context.Attempts,
            usage.CachedInputTokens,
            usage.CacheWriteInputTokens,
            usage.ReasoningTokens,
            cost.Sum(),
            price?.Version,
            estimated,
            context.Tags,
            context.Guard?.Findings.ToUsage(),
            audit.Finish(context),
            cost);

        if (!queue.TryEnqueue(record))
        {
            DataPlaneLog.UsageDropped(logger, record.Id);
        }
    }
}
