namespace Switchyard.Shared.Configuration;

/// <summary>
/// A tenant's standing with the platform's billing (Stripe), carried in the snapshot only when it is not in good standing:
/// in a grace period after a failed payment its keys still work; suspended, the nodes refuse them with 402.
/// </summary>
public enum TenantBillingStatus
{
    GracePeriod = 1,
    Suspended = 2,
}
