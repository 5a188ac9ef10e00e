using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Billing;

/// <summary>
/// PUT /api/platform/billing/failed-payment-rule (platform admins): what a failed payment does from now on — <c>none</c>
/// (recorded only) or <c>suspend</c> (a grace period of <c>graceDays</c>, 0 to 90, then suspension). Tenants already in a
/// grace period keep the end they were given. 404 when billing is off.
/// </summary>
public static class UpdateFailedPaymentRule
{
    public static async Task<Results<Ok<FailedPaymentRuleDto>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        FailedPaymentRuleDto request, ControlPlaneDbContext db, IOptions<StripeBillingOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return BillingProblems.Off();
        }

        var errors = new ValidationErrors();
        var action = request.Action?.Trim().ToLowerInvariant() switch
        {
            FailedPaymentRuleDto.None => FailedPaymentAction.None,
            FailedPaymentRuleDto.Suspend => FailedPaymentAction.Suspend,
            _ => (FailedPaymentAction?)null,
        };
        if (action is null)
        {
            errors.Add("action", $"The action field must be {FailedPaymentRuleDto.None} or {FailedPaymentRuleDto.Suspend}.");
        }

        if (request.GraceDays is < 0 or > FailedPaymentRule.MaxGraceDays)
        {
            errors.Add("graceDays", $"The graceDays field must be between 0 and {FailedPaymentRule.MaxGraceDays}.");
        }

        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var rule = await db.Set<FailedPaymentRule>().FirstOrDefaultAsync(r => r.Id == FailedPaymentRule.SingletonId, cancellationToken);
        if (rule is null)
        {
            db.Add(rule = new FailedPaymentRule());
        }

        rule.Action = action!.Value;
        rule.GraceDays = request.GraceDays;
        rule.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(rule.ToDto());
    }
}
