namespace Switchyard.ControlPlane.Features.Billing;

internal static partial class BillingLog
{
    [LoggerMessage(EventId = 9201, Level = LogLevel.Warning, Message = "Stripe usage sync for tenant {TenantId} stopped: {Error}; it resumes on the next run.")]
    public static partial void SyncFailed(ILogger logger, Guid tenantId, string error);

    [LoggerMessage(EventId = 9202, Level = LogLevel.Information, Message = "Stripe usage sync: {Tenants} linked tenants, {Sent} meter events sent, {Failed} tenants failed.")]
    public static partial void Synced(ILogger logger, int tenants, int sent, int failed);

    [LoggerMessage(EventId = 9203, Level = LogLevel.Information, Message = "Stripe adjustment for tenant {TenantId}, hour {Hour}: version {Version}, {Value} in the meter's unit.")]
    public static partial void AdjustmentSent(ILogger logger, Guid tenantId, DateTimeOffset hour, int version, long value);

    [LoggerMessage(EventId = 9204, Level = LogLevel.Warning, Message = "Stripe webhook refused: {Reason}")]
    public static partial void WebhookRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 9205, Level = LogLevel.Information, Message = "Stripe webhook {EventId} ({Type}): {Outcome}")]
    public static partial void WebhookHandled(ILogger logger, string eventId, string type, string outcome);

    [LoggerMessage(EventId = 9206, Level = LogLevel.Information, Message = "Billing reconciliation: {Tenants} linked tenants, {Differences} hours differ between the ledger and Stripe.")]
    public static partial void Reconciled(ILogger logger, int tenants, int differences);

    [LoggerMessage(EventId = 9207, Level = LogLevel.Warning, Message = "Tenant {TenantId} billing standing changed to {Standing}.")]
    public static partial void StandingChanged(ILogger logger, Guid tenantId, string standing);

    [LoggerMessage(EventId = 9208, Level = LogLevel.Warning, Message = "Billing reconciliation of tenant {TenantId} skipped: Stripe's meter totals could not be read: {Error}")]
    public static partial void ReconciliationFailed(ILogger logger, Guid tenantId, string error);
}
