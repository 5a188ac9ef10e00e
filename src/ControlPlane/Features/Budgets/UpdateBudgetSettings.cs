using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Features.Egress;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Egress;

namespace Switchyard.ControlPlane.Features.Budgets;

/// <summary>
/// PUT /api/tenants/{tenantId}/budgets/settings (tenant admins): sets the webhook budget alerts are posted to (an https or
/// http URL the egress policy allows; null or "" removes it). The egress policy is checked again at every delivery, on the
/// address actually connected to (<see cref="BudgetWebhookClient"/>).
/// </summary>
public static class UpdateBudgetSettings
{
    public static async Task<Results<Ok<BudgetSettingsDto>, ValidationProblem>> HandleAsync(
        Guid tenantId, BudgetSettingsDto request, ControlPlaneDbContext db, IOptions<EgressOptions> egress, CancellationToken cancellationToken)
    {
        var url = string.IsNullOrWhiteSpace(request.WebhookUrl) ? null : request.WebhookUrl.Trim();
        if (url is not null)
        {
            var errors = new ValidationErrors();
            if (url.Length > BudgetSettings.WebhookUrlMaxLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")
                || !string.IsNullOrEmpty(uri.UserInfo))
            {
                errors.Add("webhookUrl", "The webhookUrl field must be an absolute http(s) URL without credentials.");
            }
            else if (EgressPolicy.LiteralDenyReason(uri, egress.Value.ToAllowList(), await PlatformEgressPolicy.LoadAllowListAsync(db, cancellationToken)) is { } reason)
            {
                errors.Add("webhookUrl", $"The egress policy refuses the webhook: {reason}.");
            }

            if (!errors.IsValid)
            {
                return errors.ToProblem();
            }
        }

        var settings = await db.BudgetSettings.FirstOrDefaultAsync(s => s.TenantId == tenantId, cancellationToken);
        if (settings is null)
        {
            settings = new BudgetSettings { TenantId = tenantId };
            db.BudgetSettings.Add(settings);
        }

        settings.WebhookUrl = url;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new BudgetSettingsDto(url));
    }
}
