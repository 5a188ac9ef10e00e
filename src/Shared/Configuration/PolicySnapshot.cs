using System.Text.Json.Serialization;
using Switchyard.Shared.Governance;

namespace Switchyard.Shared.Configuration;

/// <summary>
/// A tenant's named policy as the nodes enforce it: DLP rules, guardrails and model rules. It applies to a request when it
/// is the tenant's default (<see cref="TenantSnapshot.DefaultPolicyId"/>) or listed by the key's team or the key.
/// </summary>
/// <param name="UseCases">Use case → the public models keys of that use case may call; null: no model rules.</param>
/// <param name="Regions">Requests may only be served by deployments in these regions; null: any.</param>
/// <param name="StreamHoldBack">Characters of streamed output held back for checking; null: the node's default.</param>
public sealed record PolicySnapshot(
    Guid Id,
    Guid TenantId,
    string Name,
    IReadOnlyList<DlpRule> Dlp,
    IReadOnlyList<GuardrailRule> Guardrails,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, IReadOnlyList<string>>? UseCases = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? StreamHoldBack = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Regions = null);
