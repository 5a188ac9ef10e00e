namespace Switchyard.DataPlane.Guardrails;

public enum ExternalVerdictKind
{
    Allow,
    Block,
    Redact,
    Failed,
}
