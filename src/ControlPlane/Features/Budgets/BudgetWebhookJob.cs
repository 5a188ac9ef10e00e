using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Features.Egress;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Budgets;

/// <summary>
/// Every minute: posts pending budget alerts to their tenant's webhook (<see cref="BudgetWebhookClient"/>, under the egress
/// policy) as <c>{"type":"budget.alert","tenantId":…,"alert":{…}}</c>; an alert is marked delivered, retried on the next run,
/// or after <see cref="BudgetsOptions.WebhookMaxAttempts"/> failures marked with the last reason.
/// </summary>
public sealed class BudgetWebhookJob(
    ControlPlaneDbContext db, BudgetWebhookClient client, IOptions<BudgetsOptions> options, ILogger<BudgetWebhookJob> logger)
{
    public const string Id = "switchyard-budget-webhooks";
    private const int BatchSize = 100;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var pending = await db.BudgetAlerts.IgnoreQueryFilters().Where(a => a.WebhookStatus == BudgetAlerts.Pending)
            .OrderBy(a => a.Id).Take(BatchSize).ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return 0;
        }

        var tenants = pending.Select(a => a.TenantId).Distinct().ToList();
        var hooks = await db.BudgetSettings.IgnoreQueryFilters().AsNoTracking().Where(s => tenants.Contains(s.TenantId))
            .ToDictionaryAsync(s => s.TenantId, s => s.WebhookUrl, cancellationToken);
        var platform = await PlatformEgressPolicy.LoadAllowListAsync(db, cancellationToken);
        var delivered = 0;
        foreach (var alert in pending)
        {
            if (hooks.GetValueOrDefault(alert.TenantId) is not { } url)
            {
                alert.WebhookStatus = null;
                continue;
            }

            alert.WebhookAttempts++;
            var failure = await client.PostAsync(url, new { type = "budget.alert", tenantId = alert.TenantId, alert = alert.ToDto() }, platform, cancellationToken);
            if (failure is null)
            {
                alert.WebhookStatus = BudgetAlerts.Delivered;
                delivered++;
            }
            else
            {
                BudgetsLog.WebhookFailed(logger, alert.Id, failure);
                if (alert.WebhookAttempts >= options.Value.WebhookMaxAttempts)
                {
                    var status = "failed: " + failure;
                    alert.WebhookStatus = status.Length <= BudgetAlert.MaxWebhookStatus ? status : status[..BudgetAlert.MaxWebhookStatus];
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return delivered;
    }
}
