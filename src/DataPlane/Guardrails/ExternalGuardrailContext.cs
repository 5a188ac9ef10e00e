namespace Switchyard.DataPlane.Guardrails;

/// <summary>Who asks, sent to an <c>http</c> guardrail beside the texts (never a secret).</summary>
public readonly record struct ExternalGuardrailContext(Guid TenantId, Guid TeamId, Guid KeyId, string Model, string Endpoint);
