using System.ComponentModel.DataAnnotations;

namespace Switchyard.Shared.Egress;

/// <summary>
/// The operator's egress allow-list (section "Egress"), read by every process that applies the policy: a data-plane node
/// allows these destinations in addition to the platform's list from the snapshot; the control plane accepts them in
/// routes' base URLs. See <see cref="EgressAllowList"/> for the entry syntax.
/// </summary>
public sealed class EgressOptions : IValidatableObject
{
    public const string Section = "Egress";

    /// <summary>Host names (<c>vllm.internal</c>, <c>*.models.internal</c>) that may resolve to non-public addresses.</summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Networks in CIDR form (<c>10.20.0.0/16</c>, <c>127.0.0.1/32</c>) that may be connected to.</summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary>The allow-list these settings describe; <see cref="EgressAllowList.Empty"/> when they are invalid (validation reports why).</summary>
    public EgressAllowList ToAllowList() => EgressAllowList.TryCreate(AllowedHosts, AllowedNetworks, out _) ?? EgressAllowList.Empty;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        EgressAllowList.TryCreate(AllowedHosts, AllowedNetworks, out var errors);
        foreach (var error in errors)
        {
            var setting = error.List == EgressAllowListError.HostsList ? nameof(AllowedHosts) : nameof(AllowedNetworks);
            var name = error.Index is { } index ? $"{Section}:{setting}:{index}" : $"{Section}:{setting}";
            yield return new ValidationResult($"{name}: {error.Message}", [setting]);
        }
    }
}
