using System.Text.Json;
using Switchyard.Shared.Messages;

namespace Switchyard.Shared.Admin;

/// <summary>One gateway request in the audit log (GET /api/tenants/{tenantId}/audit).</summary>
/// <param name="Mode"><c>full</c> (bodies kept, encrypted) or <c>metadata</c>.</param>
/// <param name="RequestSha256">SHA-256 of the whole request body as forwarded (after DLP redaction).</param>
/// <param name="ResponseSha256">SHA-256 of the whole response body as the caller received it.</param>
/// <param name="HasBodies">The entry keeps (encrypted) bodies: GET …/audit/{id} shows them.</param>
public sealed record AuditRequestEntryDto(
    Guid Id,
    DateTimeOffset Timestamp,
    string NodeId,
    long Sequence,
    Guid TeamId,
    Guid KeyId,
    string Endpoint,
    string Model,
    Guid? DeploymentId,
    string? ProviderKind,
    string? UpstreamModel,
    bool Stream,
    int StatusCode,
    string? ErrorCode,
    int PromptTokens,
    int CompletionTokens,
    long CostMicros,
    IReadOnlyList<UsageFinding>? Findings,
    string Mode,
    string RequestSha256,
    string ResponseSha256,
    long RequestBytes,
    long ResponseBytes,
    bool HasBodies,
    string PreviousHash,
    string Hash);

/// <summary>One admin API call in the audit log (GET /api/tenants/{tenantId}/audit?type=admin).</summary>
/// <param name="Actor"><c>member:&lt;id&gt;</c>, <c>admin-key:&lt;id&gt;</c> or <c>scim-token:&lt;id&gt;</c> (SCIM provisioning).</param>
/// <param name="Action">The endpoint's name (e.g. <c>UpdateKey</c>).</param>
/// <param name="Changes">Each row the call changed: <c>{"type","id","state","before":{…},"after":{…}}</c>, secrets left out; null: none.</param>
/// <param name="StatusCode">The HTTP status the call answered.</param>
/// <param name="Outcome"><c>saved</c> (written in the transaction of the call's changes), <c>completed</c>, <c>refused</c>,
/// <c>denied</c> (authorisation refused the call) or <c>failed</c>; null on entries older than outcomes.</param>
public sealed record AuditAdminEntryDto(
    Guid Id,
    DateTimeOffset Timestamp,
    long Sequence,
    string Actor,
    string Action,
    string Method,
    string Path,
    string? ObjectType,
    string? ObjectId,
    JsonElement? Changes,
    string? SourceAddress,
    int StatusCode,
    string PreviousHash,
    string Hash,
    string? Outcome = null);

/// <summary>A page of request entries, newest first; <paramref name="Next"/> is the <c>before</c> of the next page (null: last page).</summary>
public sealed record AuditRequestPage(IReadOnlyList<AuditRequestEntryDto> Items, Guid? Next);

/// <summary>A page of admin entries, newest first; <paramref name="Next"/> is the <c>before</c> of the next page (null: last page).</summary>
public sealed record AuditAdminPage(IReadOnlyList<AuditAdminEntryDto> Items, Guid? Next);

/// <summary>
/// GET /api/tenants/{tenantId}/audit/{entryId}: a request entry with its bodies (after DLP redaction, decrypted), cut at
/// the node's cap when <paramref name="RequestTruncated"/>/<paramref name="ResponseTruncated"/>.
/// </summary>
/// <param name="BodiesUnreadable">The entry kept bodies but they cannot be read: the tenant's audit data key was deleted.</param>
public sealed record AuditRequestDetailDto(
    AuditRequestEntryDto Entry,
    string? RequestBody,
    string? ResponseBody,
    bool RequestTruncated,
    bool ResponseTruncated,
    bool BodiesUnreadable);

/// <summary>GET /api/tenants/{tenantId}/audit/verify: every chain of the tenant checked from its start (or retention anchor) to its head.</summary>
public sealed record AuditVerificationDto(bool Valid, IReadOnlyList<AuditChainVerificationDto> Chains);

/// <param name="Kind"><c>requests</c> (one chain per node) or <c>admin</c>.</param>
/// <param name="Entries">Entries checked.</param>
/// <param name="BrokenAt">The first entry that does not verify; null when the chain is intact.</param>
public sealed record AuditChainVerificationDto(string Kind, string NodeId, long Entries, long HeadSequence, AuditBrokenLinkDto? BrokenAt);

/// <param name="EntryId">The entry (null when the break is a missing entry at the end of the chain).</param>
/// <param name="Reason">e.g. <c>hash mismatch</c> (the entry was edited), <c>previous hash mismatch</c>, <c>sequence gap</c>.</param>
public sealed record AuditBrokenLinkDto(Guid? EntryId, long Sequence, string Reason);
