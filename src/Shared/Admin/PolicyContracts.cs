using Switchyard.Shared.Governance;

namespace Switchyard.Shared.Admin;

/// <summary>A tenant's policy (GET/POST/PUT /api/tenants/{tenantId}/policies): the public contract automation depends on.</summary>
public sealed record PolicyDto(
    Guid Id,
    Guid TenantId,
    string Name,
    string? Description,
    IReadOnlyList<DlpRule> Dlp,
    IReadOnlyList<GuardrailRule> Guardrails,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? UseCases,
    int? StreamHoldBack,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<string>? Regions = null);

/// <summary>
/// Creates or replaces a policy: <c>{"name":"pii","dlp":[{"detector":"email","action":"redact"}],
/// "guardrails":[{"type":"banned_terms","terms":["…"],"action":"block"}]}</c>.
/// </summary>
/// <param name="UseCases">Use case → public models keys of that use case may call; null: no model rules.</param>
/// <param name="Regions">Requests may only be served by deployments in these regions (e.g. EU-only data); null: any.</param>
/// <param name="StreamHoldBack">Characters of streamed output held back for checking (0–4096); null: the node's default.</param>
public sealed record PolicyRequest(
    string Name,
    string? Description = null,
    IReadOnlyList<DlpRule>? Dlp = null,
    IReadOnlyList<GuardrailRule>? Guardrails = null,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? UseCases = null,
    int? StreamHoldBack = null,
    IReadOnlyList<string>? Regions = null);

/// <summary>POST /api/tenants/{tenantId}/policies/{policyId}/dry-run: evaluates the policy against a text as a node would.</summary>
/// <param name="Direction"><c>input</c> (a request, default) or <c>output</c> (an answer).</param>
/// <param name="External">Also ask the policy's external guardrails (<c>http</c>, <c>moderation</c>) for that direction: this
/// sends the text out of the control plane (under the egress policy), so it must be asked for.</param>
public sealed record PolicyDryRunRequest(string Text, string? Direction = null, bool External = false);

/// <summary>What the policy would do: blocked (by which rule) or the text as it would go on, and the findings (never the values).</summary>
public sealed record PolicyDryRunResult(bool Blocked, string? BlockedBy, string? Message, string? Text, IReadOnlyList<PolicyDryRunFinding> Findings);

/// <param name="Detail">For an external guardrail asked in the dry run: why it blocked (as it answered) or why it could not be asked.</param>
public sealed record PolicyDryRunFinding(string Rule, int Count, string Action, string? Detail = null);
