using System.ComponentModel.DataAnnotations;

namespace Switchyard.ControlPlane.Features.Billing;

/// <summary>
/// Usage billing through Stripe (section <c>Billing:Stripe</c>). Off while <see cref="ApiKey"/> is empty: no jobs run and
/// the billing endpoints answer 404. <see cref="ApiKey"/> and <see cref="WebhookSecret"/> are secrets and never logged.
/// </summary>
public sealed class StripeBillingOptions : IValidatableObject
{
    public const string Section = "Billing:Stripe";

    /// <summary>The Stripe secret (or restricted) API key; empty: billing is off.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The webhook endpoint's signing secret (<c>whsec_…</c>); required when billing is on.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Stripe's API base URL; tests and staging point it at a fake Stripe.</summary>
    public string ApiBase { get; set; } = "https://api.stripe.com";

    /// <summary>The price of the metered subscription each linked tenant gets (<c>price_…</c>); required when billing is on.</summary>
    public string? PriceId { get; set; }

    /// <summary>The <c>event_name</c> of the Stripe billing meter usage is sent to.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Billing:Stripe:MeterEventName must not be empty.")]
    [RegularExpression("^[A-Za-z0-9_.:-]{1,100}$", ErrorMessage = "Billing:Stripe:MeterEventName must be 1-100 letters, digits or _ . : -.")]
    public string MeterEventName { get; set; } = "switchyard_usage";

    /// <summary>
    /// The Stripe billing meter's id (<c>mtr_…</c>); when set, reconciliation compares the ledger with Stripe's own hourly
    /// meter totals (event summaries) instead of with the events Stripe acknowledged.
    /// </summary>
    [RegularExpression("^[A-Za-z0-9_]{1,100}$", ErrorMessage = "Billing:Stripe:MeterId must be 1-100 letters, digits or _.")]
    public string? MeterId { get; set; }

    /// <summary>What the meter counts: <c>CostMicros</c> (micro-dollars of cost) or <c>Tokens</c> (input plus output tokens).</summary>
    public BillingMeterUnit MeterUnit { get; set; } = BillingMeterUnit.CostMicros;

    /// <summary>Minutes after an hour ends before it is sent (usage still in nodes' spools lands in it meanwhile).</summary>
    [Range(0, 1440, ErrorMessage = "Billing:Stripe:SettleMinutes must be between 0 and 1440.")]
    public int SettleMinutes { get; set; } = 10;

    /// <summary>How long one Stripe request may take before it counts as timed out (and is retried).</summary>
    [Range(1, 300, ErrorMessage = "Billing:Stripe:TimeoutSeconds must be between 1 and 300.")]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Attempts per Stripe request on 429, 5xx, timeouts and network errors.</summary>
    [Range(1, 20, ErrorMessage = "Billing:Stripe:MaxAttempts must be between 1 and 20.")]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The first retry's delay; each further retry doubles it (a <c>Retry-After</c> from Stripe wins).</summary>
    [Range(1, 60000, ErrorMessage = "Billing:Stripe:RetryBaseDelayMs must be between 1 and 60000.")]
    public int RetryBaseDelayMs { get; set; } = 500;

    /// <summary>The longest a retry waits, whatever <c>Retry-After</c> says.</summary>
    [Range(1, 3600, ErrorMessage = "Billing:Stripe:MaxRetryDelaySeconds must be between 1 and 3600.")]
    public int MaxRetryDelaySeconds { get; set; } = 60;

    /// <summary>How old a webhook's signed timestamp may be (seconds) before the event is refused as stale.</summary>
    [Range(1, 3600, ErrorMessage = "Billing:Stripe:WebhookToleranceSeconds must be between 1 and 3600.")]
    public int WebhookToleranceSeconds { get; set; } = 300;

    /// <summary>What a failed payment does: <c>None</c> (recorded only) or <c>Suspend</c> (grace period, then suspended).</summary>
    public FailedPaymentAction FailedPaymentAction { get; set; } = FailedPaymentAction.None;

    /// <summary>Days of grace after a failed payment before the tenant is suspended (with <c>FailedPaymentAction=Suspend</c>).</summary>
    [Range(0, 90, ErrorMessage = "Billing:Stripe:GraceDays must be between 0 and 90.")]
    public int GraceDays { get; set; } = 7;

    public bool Enabled => !string.IsNullOrWhiteSpace(ApiKey);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(ApiBase, UriKind.Absolute, out var apiBase) || apiBase.Scheme is not ("https" or "http"))
        {
            yield return new ValidationResult("Billing:Stripe:ApiBase must be an absolute http(s) URL.", [nameof(ApiBase)]);
        }

        if (!Enabled)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(WebhookSecret))
        {
            yield return new ValidationResult("Billing:Stripe:WebhookSecret is required when Billing:Stripe:ApiKey is set.", [nameof(WebhookSecret)]);
        }

        if (string.IsNullOrWhiteSpace(PriceId))
        {
            yield return new ValidationResult("Billing:Stripe:PriceId is required when Billing:Stripe:ApiKey is set.", [nameof(PriceId)]);
        }
    }

    /// <summary>Never shows the secrets.</summary>
    public override string ToString() => $"Stripe billing ({(Enabled ? "on" : "off")}, {ApiBase}, meter {MeterEventName} in {MeterUnit})";
}

public enum BillingMeterUnit
{
    CostMicros = 0,
    Tokens = 1,
}

public enum FailedPaymentAction
{
    None = 0,
    Suspend = 1,
}
