namespace Switchyard.Shared.Configuration;

/// <summary>The rules a <see cref="Budget"/> must meet: a positive amount, a known period, thresholds 1 to 1000 percent.</summary>
public static class BudgetRules
{
    /// <summary>Ten million USD: counters stay exact integers in Redis Lua (below 10^14 micro-dollars).</summary>
    public const decimal MaxAmountUsd = 10_000_000m;
    public const int MaxThresholds = 10;

    /// <summary>Adds an error for each field that breaks the rules, named relative to the budget (<c>amountUsd</c>).</summary>
    public static void Validate(Budget budget, ICollection<ConfigFieldError> errors)
    {
        if (budget.AmountUsd <= 0 || budget.AmountUsd > MaxAmountUsd)
        {
            errors.Add(new ConfigFieldError("amountUsd", $"The amountUsd field must be more than 0 and at most {MaxAmountUsd}."));
        }

        if (!BudgetPeriods.IsValid(budget.Period))
        {
            errors.Add(new ConfigFieldError("period", $"The period field must be one of {string.Join(", ", BudgetPeriods.All)}."));
        }

        if (budget.AlertAtPercent is { } thresholds)
        {
            if (thresholds.Count > MaxThresholds)
            {
                errors.Add(new ConfigFieldError("alertAtPercent", $"At most {MaxThresholds} thresholds."));
            }
            else if (thresholds.Any(t => t < 1 || t > 1000))
            {
                errors.Add(new ConfigFieldError("alertAtPercent", "Each threshold must be between 1 and 1000 (percent of amountUsd)."));
            }
        }
    }

    /// <summary>The rules of a tenant's time zone: an IANA id this machine knows.</summary>
    public static bool IsValidTimeZone(string timeZone) => TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _);
}
