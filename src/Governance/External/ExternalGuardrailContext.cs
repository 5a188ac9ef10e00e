namespace Switchyard.Governance.External;

/// <summary>
/// Who asks, sent to an <c>http</c> guardrail beside the texts (never a secret): the caller's tenant, team and key (null in
/// a dry run), the model and endpoint, whether the texts are the answer (<paramref name="Output"/>) and whether it is a dry run.
/// </summary>
public readonly record struct ExternalGuardrailContext(Guid TenantId, Guid? TeamId, Guid? KeyId, string? Model, string Endpoint, bool Output = false, bool DryRun = false);
