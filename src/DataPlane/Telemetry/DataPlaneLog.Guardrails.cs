namespace Switchyard.DataPlane.Telemetry;

/// <summary>Log messages of the guardrails: the policy and rule, never the text or the value that matched.</summary>
internal static partial class DataPlaneLog
{
    [LoggerMessage(7000, LogLevel.Information, "Blocked a {Direction} of key {KeyId} ({Endpoint}): policy '{Policy}', rule '{Rule}'.")]
    public static partial void GuardrailBlocked(ILogger logger, string direction, Guid keyId, string endpoint, string policy, string rule);

    [LoggerMessage(7001, LogLevel.Warning, "Refused a request of key {KeyId}: it is held to policy {PolicyId}, which this node does not have (left out of the snapshot).")]
    public static partial void PolicyUnavailable(ILogger logger, Guid keyId, Guid policyId);

    [LoggerMessage(7002, LogLevel.Information, "Request of key {KeyId}: {Findings} finding(s) under its policies (rewritten: {Rewritten}).")]
    public static partial void GuardrailFindings(ILogger logger, Guid keyId, int findings, bool rewritten);

    [LoggerMessage(7003, LogLevel.Warning, "External guardrail '{Rule}' of policy '{Policy}' failed for a request of key {KeyId} ({Reason}); fail open: {FailOpen}.")]
    public static partial void ExternalGuardrailFailed(ILogger logger, Guid keyId, string policy, string rule, string reason, bool failOpen);
}
