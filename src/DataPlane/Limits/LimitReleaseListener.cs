using Switchyard.DataPlane.Pipeline;

namespace Switchyard.DataPlane.Limits;

/// <summary>
/// When a limited request is over — answered, failed, or abandoned by the caller mid-stream — frees its concurrency
/// slots and settles its tokens to the usage the provider reported (the estimate stays when none was).
/// </summary>
public sealed class LimitReleaseListener(ILimitStore store) : IResponseListener
{
    public void Completed(GatewayContext context)
    {
        if (context.Limits is not { } lease)
        {
            return;
        }

        var used = context.Outcome.Usage.TotalTokens;
        store.Release(lease, used > 0 ? used : lease.TokenEstimate);
    }
}
