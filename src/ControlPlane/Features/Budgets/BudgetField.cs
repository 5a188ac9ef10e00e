using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Budgets;

/// <summary>
/// The <c>budget</c> field of keys, teams and tenants (create and PATCH), validated by <see cref="BudgetRules"/> with errors
/// named <c>budget.…</c>, and the tenant's <c>timeZone</c>.
/// </summary>
public static class BudgetField
{
    public const string Name = "budget";

    public static ValidationErrors Validate(this ValidationErrors errors, Budget? budget)
    {
        if (budget is null)
        {
            return errors;
        }

        var found = new List<ConfigFieldError>();
        BudgetRules.Validate(budget, found);
        return errors.Add(Name + ".", found);
    }

    public static ValidationErrors Validate(this ValidationErrors errors, BudgetUpdate? update)
    {
        if (update is null || update.Remove)
        {
            return errors;
        }

        if (update.AmountUsd is null)
        {
            errors.Add(Name + ".amountUsd", "The amountUsd field is required (or send {\"remove\": true} to remove the budget).");
        }

        return errors.Validate(update.ToBudget());
    }

    /// <summary>The budget to store, thresholds ordered and distinct.</summary>
    public static Budget? Normalize(Budget? budget) => budget is null
        ? null
        : budget with { AlertAtPercent = budget.AlertAtPercent is { } t ? t.Distinct().Order().ToArray() : null };

    public static ValidationErrors ValidateTimeZone(this ValidationErrors errors, string? timeZone)
    {
        if (!string.IsNullOrEmpty(timeZone) && (timeZone.Length > 64 || !BudgetRules.IsValidTimeZone(timeZone)))
        {
            errors.Add("timeZone", "The timeZone field must be an IANA time zone id such as Europe/Berlin.");
        }

        return errors;
    }
}
