using System.Text.RegularExpressions;
using Switchyard.ControlPlane.Infrastructure.Validation;

namespace Switchyard.ControlPlane.Features.Teams;

/// <summary>A team's cost centre: 1..<see cref="MaxLength"/> letters, digits, spaces and . _ - / (e.g. "CC-4711", "R&amp;D/EU" is refused).</summary>
public static partial class CostCenterField
{
    public const int MaxLength = 64;

    public static ValidationErrors ValidateCostCenter(this ValidationErrors errors, string? costCenter)
    {
        if (costCenter is null or "")
        {
            return errors;
        }

        var value = costCenter.Trim();
        return value.Length is 0 or > MaxLength || !Allowed().IsMatch(value)
            ? errors.Add("costCenter", $"The costCenter field must be 1 to {MaxLength} letters, digits, spaces or . _ - /.")
            : errors;
    }

    /// <summary>Trimmed; "" and null: none.</summary>
    public static string? Normalize(string? costCenter) => string.IsNullOrWhiteSpace(costCenter) ? null : costCenter.Trim();

    [GeneratedRegex(@"^[\p{L}\p{N} ._/-]+$")]
    private static partial Regex Allowed();
}
