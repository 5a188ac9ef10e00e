namespace Switchyard.Shared.Messages;

/// <summary>
/// The audit part of a <see cref="UsageRecord"/>: how the tenant audits the request (<c>full</c> or <c>metadata</c>; a
/// request audited <c>off</c> carries none), the SHA-256 of the request body as forwarded (after DLP redaction) and of the
/// response body as the caller received it, their full sizes, and in <c>full</c> mode the bodies themselves, cut at the
/// node's <c>DataPlane:Audit:MaxBodyBytes</c> (a body shorter than its size was cut).
/// </summary>
/// <param name="Mode"><c>full</c> or <c>metadata</c> (see <see cref="Configuration.AuditModes"/>).</param>
/// <param name="RequestSha256">Lower-case hex SHA-256 of the whole request body.</param>
/// <param name="ResponseSha256">Lower-case hex SHA-256 of the whole response body written to the caller.</param>
public sealed record UsageAudit(
    string Mode,
    string RequestSha256,
    string ResponseSha256,
    long RequestBytes,
    long ResponseBytes,
    byte[]? RequestBody = null,
    byte[]? ResponseBody = null);
