namespace Switchyard.ControlPlane.Features.Budgets;

internal static partial class BudgetsLog
{
    [LoggerMessage(EventId = 9101, Level = LogLevel.Warning, Message = "Budget reconciliation could not reach Redis ({ErrorType}: {Error}); it will try again on its next run.")]
    public static partial void RedisUnreachable(ILogger logger, string errorType, string error);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Information, Message = "Budget reconciliation: {Levels} budget levels, {Corrected} ledger counters corrected, {Raised} Redis counters raised to the ledger.")]
    public static partial void Reconciled(ILogger logger, int levels, int corrected, int raised);

    [LoggerMessage(EventId = 9103, Level = LogLevel.Warning, Message = "Budget alert {AlertId} could not be delivered to the tenant's webhook: {Reason}")]
    public static partial void WebhookFailed(ILogger logger, Guid alertId, string reason);
}
