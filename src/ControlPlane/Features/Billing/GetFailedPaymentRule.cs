using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Billing;

/// <summary>GET /api/platform/billing/failed-payment-rule (platform admins): the rule in force (set through the API, else configured).</summary>
public static class GetFailedPaymentRule
{
    public static async Task<Results<Ok<FailedPaymentRuleDto>, ProblemHttpResult>> HandleAsync(
        ControlPlaneDbContext db, IOptions<StripeBillingOptions> options, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return BillingProblems.Off();
        }

        return TypedResults.Ok((await FailedPaymentRule.CurrentAsync(db, options.Value, cancellationToken)).ToDto());
    }
}
