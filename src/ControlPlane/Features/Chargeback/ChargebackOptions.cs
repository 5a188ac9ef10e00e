using System.ComponentModel.DataAnnotations;

namespace Switchyard.ControlPlane.Features.Chargeback;

/// <summary>Chargeback statements (section <c>Chargeback</c>).</summary>
public sealed class ChargebackOptions
{
    public const string Section = "Chargeback";

    /// <summary>Hours after a month ends (in the tenant's zone) before its statement closes, so that usage still on its way lands in it.</summary>
    [Range(0, 240)]
    public int CloseDelayHours { get; set; } = 6;

    /// <summary>How many earlier months a closing statement checks for late usage (adjustment lines).</summary>
    [Range(1, 60)]
    public int AdjustmentMonths { get; set; } = 12;
}
