using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Switchyard.ControlPlane.Features.Billing;

internal static class BillingProblems
{
    public const string OffDetail = "Billing through Stripe is not configured on this platform (set Billing:Stripe:ApiKey, WebhookSecret and PriceId).";

    /// <summary>404: billing is off.</summary>
    public static ProblemHttpResult Off() =>
        TypedResults.Problem(new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Billing is off", Detail = OffDetail });

    /// <summary>502: Stripe refused or failed a call (its message, never the key).</summary>
    public static ProblemHttpResult Stripe(StripeCallException ex) =>
        TypedResults.Problem(new ProblemDetails { Status = StatusCodes.Status502BadGateway, Title = "Stripe call failed", Detail = ex.Message });
}
