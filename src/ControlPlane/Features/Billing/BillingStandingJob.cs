namespace Switchyard.ControlPlane.Features.Billing;

/// <summary>Every 15 minutes: tenants whose grace period after a failed payment ended are suspended.</summary>
public sealed class BillingStandingJob(TenantStanding standing)
{
    public const string Id = "switchyard-billing-standing";

    public Task<int> RunAsync(CancellationToken cancellationToken) => standing.SuspendExpiredAsync(cancellationToken);
}
