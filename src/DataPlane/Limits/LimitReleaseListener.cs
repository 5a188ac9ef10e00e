using Switchyard.DataPlane.Costs;
using Switchyard.DataPlane.Gateway;
using Switchyard.DataPlane.Pipeline;

namespace Switchyard.DataPlane.Limits;

/// <summary>
/// When a limited request is over — answered, failed, or abandoned by the caller mid-stream — frees its concurrency
/// slots, settles its tokens to the usage the provider reported (the estimate stays when none was) and its budget
/// reservations to its cost (billed as the usage record is: <see cref="UsageSettlement"/>, <see cref="CostCalculator"/>).
/// </summary>
public sealed class LimitReleaseListener(ILimitStore store) : IResponseListener
{
    public void Completed(GatewayContext context)
    {
        if (context.Limits is not { } lease)
        {
            return;
        }

        var outcome = context.Outcome;
        if (lease.HasSpend)
        {
            var usage = UsageSettlement.Settle(outcome.Usage, outcome.ErrorCode is null, context.StreamedCharacters, context.Body.Length, out _);
            lease.ActualSpend = CostCalculator.CostMicros(usage, context.Deployment?.Snapshot.Price, context.Endpoint.Name == EmbeddingsEndpoint.EndpointName);
        }

        var used = outcome.Usage.TotalTokens;
        store.Release(lease, used > 0 ? used : lease.TokenEstimate);
    }
}
