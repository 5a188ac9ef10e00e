namespace Switchyard.Governance.External;

public enum ExternalVerdictKind
{
    Allow,
    Block,
    Redact,
    Failed,
}
