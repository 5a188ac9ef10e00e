using System.ComponentModel.DataAnnotations;

namespace Switchyard.DataPlane.Guardrails;

/// <summary>How the node guards streamed answers (section "Guardrails").</summary>
public sealed class GuardrailOptions
{
    public const string Section = "Guardrails";

    /// <summary>
    /// Characters of a streamed answer held back for checking when the policy sets no window (raised to the longest banned
    /// term, and to 64 when DLP rules apply): a term split across chunks is still caught, at the cost of that much delay.
    /// </summary>
    [Range(0, 4096, ErrorMessage = "Guardrails:StreamHoldBack must be between 0 and 4096 characters.")]
    public int StreamHoldBack { get; set; } = 32;
}
