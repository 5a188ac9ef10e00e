using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stripe;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;

namespace Switchyard.ControlPlane.Features.Billing;

/// <summary>
/// POST /api/billing/stripe/webhook (anonymous; Stripe signs it): verifies the <c>Stripe-Signature</c> header
/// (HMAC-SHA256 of <c>t.payload</c> with <c>Billing:Stripe:WebhookSecret</c>, timestamp within
/// <c>WebhookToleranceSeconds</c>; otherwise 400), stores the event id once (a redelivery is acknowledged and not applied
/// again) and applies the event with its type's handler, in one SaveChanges with the stored id.
/// </summary>
public static class ReceiveStripeWebhook
{
    public const string SignatureHeader = "Stripe-Signature";

    public static async Task<Results<Ok<StripeWebhookAnswer>, ProblemHttpResult>> HandleAsync(
        HttpRequest request, ControlPlaneDbContext db, IEnumerable<IStripeEventHandler> handlers, IOptions<StripeBillingOptions> options,
        TimeProvider time, ILogger<StripeWebhookAnswer> logger, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            return BillingProblems.Off();
        }

        string json;
        using (var reader = new StreamReader(request.Body))
        {
            json = await reader.ReadToEndAsync(cancellationToken);
        }

        var signature = request.Headers[SignatureHeader].ToString();
        if (signature.Length == 0)
        {
            BillingLog.WebhookRefused(logger, "no Stripe-Signature header");
            return BadSignature("The Stripe-Signature header is missing.");
        }

        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ConstructEvent(json, signature, o.WebhookSecret, o.WebhookToleranceSeconds, time.GetUtcNow().ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
        }
        catch (StripeException ex)
        {
            BillingLog.WebhookRefused(logger, ex.Message);
            return BadSignature("The Stripe-Signature does not verify or is too old: " + ex.Message);
        }

        if (await db.StripeWebhookEvents.AnyAsync(e => e.Id == stripeEvent.Id, cancellationToken))
        {
            return TypedResults.Ok(new StripeWebhookAnswer(stripeEvent.Id, StripeWebhookOutcomes.Duplicate));
        }

        var handler = handlers.FirstOrDefault(h => h.EventType == stripeEvent.Type);
        var outcome = handler is null ? StripeWebhookOutcomes.Unhandled : await handler.HandleAsync(stripeEvent, cancellationToken);
        db.StripeWebhookEvents.Add(new StripeWebhookEvent
        {
            Id = stripeEvent.Id,
            Type = stripeEvent.Type,
            CreatedAt = new DateTimeOffset(DateTime.SpecifyKind(stripeEvent.Created, DateTimeKind.Utc)),
            ReceivedAt = time.GetUtcNow(),
            Outcome = outcome,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same event delivered twice at once: the other delivery applied it.
            if (await IsStoredAsync(db, stripeEvent.Id))
            {
                return TypedResults.Ok(new StripeWebhookAnswer(stripeEvent.Id, StripeWebhookOutcomes.Duplicate));
            }

            throw;
        }

        BillingLog.WebhookHandled(logger, stripeEvent.Id, stripeEvent.Type, outcome);
        return TypedResults.Ok(new StripeWebhookAnswer(stripeEvent.Id, outcome));
    }

    private static async Task<bool> IsStoredAsync(ControlPlaneDbContext db, string id)
    {
        db.ChangeTracker.Clear();
        return await db.StripeWebhookEvents.AsNoTracking().AnyAsync(e => e.Id == id);
    }

    private static ProblemHttpResult BadSignature(string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = "Invalid Stripe signature", Detail = detail });
}

/// <summary>The webhook's answer: the event and what was done with it.</summary>
public sealed record StripeWebhookAnswer(string EventId, string Outcome);
