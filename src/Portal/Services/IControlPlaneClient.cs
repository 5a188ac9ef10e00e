using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Services;

/// <summary>
/// The admin API as the portal uses it. Every call except <see cref="LoginAsync"/> sends the signed-in member's bearer token.
/// Failures throw <see cref="ControlPlaneException"/> with a message for the user.
/// </summary>
public interface IControlPlaneClient
{
    Task<LoginResponse> LoginAsync(LoginRequest request, CancellationToken cancellationToken = default);

    Task<CurrentUserDto> GetMeAsync(CancellationToken cancellationToken = default);

    Task<TenantDto> GetTenantAsync(Guid tenantId, CancellationToken cancellationToken = default);

    /// <summary>PATCH the tenant (tenant admins): name, limits, budget, time zone or default policy.</summary>
    Task<TenantDto> UpdateTenantAsync(Guid tenantId, UpdateTenantRequest request, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<TeamDto>> GetTeamsAsync(Guid tenantId, CancellationToken cancellationToken = default);

    Task<TeamDto> CreateTeamAsync(Guid tenantId, CreateTeamRequest request, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<KeyDto>> GetKeysAsync(Guid tenantId, Guid? teamId, CancellationToken cancellationToken = default);

    Task<CreatedKeyDto> CreateKeyAsync(Guid tenantId, CreateKeyRequest request, CancellationToken cancellationToken = default);

    /// <summary>Changes a key's name, tags, metadata or request-tags flag (PATCH; null fields unchanged).</summary>
    Task<KeyDto> UpdateKeyAsync(Guid tenantId, Guid keyId, UpdateKeyRequest request, CancellationToken cancellationToken = default);

    Task<KeyDto> RevokeKeyAsync(Guid tenantId, Guid keyId, CancellationToken cancellationToken = default);

    /// <summary>A new secret for the key (shown once); the old one works for <paramref name="graceSeconds"/> (null: 24 h).</summary>
    Task<CreatedKeyDto> RotateKeyAsync(Guid tenantId, Guid keyId, int? graceSeconds, CancellationToken cancellationToken = default);

    /// <summary>The caller's active keys (or rotated secrets) that expire within <paramref name="days"/> days, soonest first.</summary>
    Task<IReadOnlyList<KeyDto>> GetExpiringKeysAsync(Guid tenantId, int days, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<RouteDto>> GetRoutesAsync(Guid tenantId, CancellationToken cancellationToken = default);

    Task<RouteDto> CreateRouteAsync(Guid tenantId, RouteRequest request, CancellationToken cancellationToken = default);

    Task<RouteDto> UpdateRouteAsync(Guid tenantId, Guid routeId, RouteRequest request, CancellationToken cancellationToken = default);

    Task DeleteRouteAsync(Guid tenantId, Guid routeId, CancellationToken cancellationToken = default);

    /// <summary>Each deployment's health per node; null when the control plane has nothing for the route (404).</summary>
    /// <summary>GET /api/nodes (platform admins): every data-plane node's revision and latest status report.</summary>
    Task<IReadOnlyList<NodeStatusDto>> GetNodesAsync(CancellationToken cancellationToken = default);

    Task<RouteHealthDto?> GetRouteHealthAsync(Guid tenantId, Guid routeId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<PolicyDto>> GetPoliciesAsync(Guid tenantId, CancellationToken cancellationToken = default);

    Task<PolicyDto> CreatePolicyAsync(Guid tenantId, PolicyRequest request, CancellationToken cancellationToken = default);

    Task<PolicyDto> UpdatePolicyAsync(Guid tenantId, Guid policyId, PolicyRequest request, CancellationToken cancellationToken = default);

    Task<PolicyDryRunResult> DryRunPolicyAsync(Guid tenantId, Guid policyId, PolicyDryRunRequest request, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<CredentialDto>> GetCredentialsAsync(Guid tenantId, CancellationToken cancellationToken = default);

    Task<CredentialDto> CreateCredentialAsync(Guid tenantId, CreateCredentialRequest request, CancellationToken cancellationToken = default);

    Task DeleteCredentialAsync(Guid tenantId, Guid credentialId, CancellationToken cancellationToken = default);

    /// <summary>The capabilities the built-in catalog gives a deployment of this kind and upstream model.</summary>
    Task<ResolvedModelDto> ResolveModelAsync(string providerKind, string upstreamModel, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<UsageRecordDto>> GetUsageAsync(Guid tenantId, Guid? keyId, int limit = 100, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<UsageKeyTotalsDto>> GetUsageByKeyAsync(Guid tenantId, CancellationToken cancellationToken = default);

    /// <summary>Cost, token and request totals of [from, to) grouped by <c>team</c>, <c>key</c>, <c>model</c> or <c>tag</c>.</summary>
    Task<SpendDto> GetSpendAsync(Guid tenantId, DateTimeOffset from, DateTimeOffset to, string groupBy, CancellationToken cancellationToken = default);

    /// <summary>
    /// Requests, errors, latency/TTFT percentiles, tokens, cache hit rate and cost of [from, to) per <c>hour</c> or <c>day</c>,
    /// in total and (with <paramref name="groupBy"/> <c>model</c>, <c>deployment</c>, <c>team</c> or <c>key</c>) per group.
    /// </summary>
    Task<AnalyticsDto> GetAnalyticsAsync(
        Guid tenantId, DateTimeOffset from, DateTimeOffset to, string interval, string? groupBy, CancellationToken cancellationToken = default);

    /// <summary>Every budget of the tenant with its spend in the current period and the forecast to its end.</summary>
    Task<IReadOnlyList<BudgetStatusDto>> GetBudgetsAsync(Guid tenantId, CancellationToken cancellationToken = default);

    /// <summary>The latest budget alerts, newest first.</summary>
    Task<IReadOnlyList<BudgetAlertDto>> GetBudgetAlertsAsync(Guid tenantId, CancellationToken cancellationToken = default);

    /// <summary>Platform admins: every tenant's Stripe billing (link, last sync, reconciliation, failed payments).</summary>
    Task<PlatformBillingDto> GetPlatformBillingAsync(CancellationToken cancellationToken = default);

    /// <summary>Tenant admins and finance: the current period's running total and the invoices.</summary>
    Task<TenantBillingDto> GetTenantBillingAsync(Guid tenantId, CancellationToken cancellationToken = default);

    /// <summary>PATCH a team (tenant admins): name, limits or budget.</summary>
    Task<TeamDto> UpdateTeamAsync(Guid tenantId, Guid teamId, UpdateTeamRequest request, CancellationToken cancellationToken = default);

    /// <summary>The audit log's request entries (auditors and admins); <paramref name="query"/> is the filter query string without <c>?</c>.</summary>
    Task<AuditRequestPage> GetAuditRequestsAsync(Guid tenantId, string query, CancellationToken cancellationToken = default);

    /// <summary>The audit log's admin actions; <paramref name="query"/> as for <see cref="GetAuditRequestsAsync"/>.</summary>
    Task<AuditAdminPage> GetAuditActionsAsync(Guid tenantId, string query, CancellationToken cancellationToken = default);

    /// <summary>One request entry with its decrypted (redacted) bodies.</summary>
    Task<AuditRequestDetailDto> GetAuditEntryAsync(Guid tenantId, Guid entryId, CancellationToken cancellationToken = default);

    /// <summary>Checks every audit chain of the tenant.</summary>
    Task<AuditVerificationDto> VerifyAuditAsync(Guid tenantId, CancellationToken cancellationToken = default);

    /// <summary>The filtered audit log as CSV or JSON Lines text (<paramref name="format"/> <c>csv</c> or <c>jsonl</c>).</summary>
    Task<string> ExportAuditAsync(Guid tenantId, string query, string format, CancellationToken cancellationToken = default);

    /// <summary>Finance: usage and cost of [from, to) (whole UTC hours) per <c>team</c>, <c>tag</c>, <c>key</c> or <c>model</c>, with the total.</summary>
    Task<ChargebackDto> GetChargebackAsync(Guid tenantId, DateTimeOffset from, DateTimeOffset to, string groupBy, CancellationToken cancellationToken = default);

    /// <summary>The same chargeback as the API's file: <paramref name="format"/> <c>csv</c> or <c>xlsx</c> (bytes as answered).</summary>
    Task<byte[]> ExportChargebackAsync(Guid tenantId, DateTimeOffset from, DateTimeOffset to, string groupBy, string format, CancellationToken cancellationToken = default);

    /// <summary>The tenant's closed monthly statements.</summary>
    Task<IReadOnlyList<ChargebackStatementSummaryDto>> GetChargebackStatementsAsync(Guid tenantId, CancellationToken cancellationToken = default);

    /// <summary>One closed statement with its cost centres and lines.</summary>
    Task<ChargebackStatementDto> GetChargebackStatementAsync(Guid tenantId, Guid statementId, CancellationToken cancellationToken = default);

    /// <summary>A page (from 1) of the usage records behind one statement line.</summary>
    Task<ChargebackLineRequestsDto> GetChargebackLineRequestsAsync(
        Guid tenantId, Guid statementId, Guid lineId, int page, int pageSize, CancellationToken cancellationToken = default);

    /// <summary>DELETE a team (tenant admins); 409 while keys, budgets or usage refer to it.</summary>
    Task DeleteTeamAsync(Guid tenantId, Guid teamId, CancellationToken cancellationToken = default);

    /// <summary>The team's members with their team roles.</summary>
    Task<IReadOnlyList<TeamMemberDto>> GetTeamMembersAsync(Guid tenantId, Guid teamId, CancellationToken cancellationToken = default);

    /// <summary>Adds a tenant member to the team or changes their team role (tenant admins and the team's admins).</summary>
    Task<TeamMemberDto> SetTeamMemberAsync(Guid tenantId, Guid teamId, Guid memberId, TeamRole role, CancellationToken cancellationToken = default);

    /// <summary>Removes a member from the team (tenant admins and the team's admins).</summary>
    Task RemoveTeamMemberAsync(Guid tenantId, Guid teamId, Guid memberId, CancellationToken cancellationToken = default);

    /// <summary>The tenant's members with their teams.</summary>
    Task<IReadOnlyList<MemberDto>> GetMembersAsync(Guid tenantId, CancellationToken cancellationToken = default);

    /// <summary>Creates a member with a password (tenant admins).</summary>
    Task<MemberDto> CreateMemberAsync(Guid tenantId, CreateMemberRequest request, CancellationToken cancellationToken = default);

    /// <summary>PATCH a member's role or <c>active</c> flag (tenant admins).</summary>
    Task<MemberDto> UpdateMemberAsync(Guid tenantId, Guid memberId, UpdateMemberRequest request, CancellationToken cancellationToken = default);

    /// <summary>Removes a member from the tenant (tenant admins).</summary>
    Task DeleteMemberAsync(Guid tenantId, Guid memberId, CancellationToken cancellationToken = default);

    /// <summary>Every tenant for a platform admin, the caller's own otherwise.</summary>
    Task<IReadOnlyList<TenantDto>> GetTenantsAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates a tenant (platform admins).</summary>
    Task<TenantDto> CreateTenantAsync(CreateTenantRequest request, CancellationToken cancellationToken = default);

    /// <summary>The admin API keys of the tenant, or with a null <paramref name="tenantId"/> the platform keys (platform admins); revoked ones too.</summary>
    Task<IReadOnlyList<AdminKeyDto>> GetAdminKeysAsync(Guid? tenantId, CancellationToken cancellationToken = default);

    /// <summary>Creates a tenant admin key, or with a null <paramref name="tenantId"/> a platform key; the secret is in the answer only.</summary>
    Task<CreatedAdminKeyDto> CreateAdminKeyAsync(Guid? tenantId, CreateAdminKeyRequest request, CancellationToken cancellationToken = default);

    /// <summary>Revokes a tenant admin key, or with a null <paramref name="tenantId"/> a platform key.</summary>
    Task<AdminKeyDto> RevokeAdminKeyAsync(Guid? tenantId, Guid keyId, CancellationToken cancellationToken = default);

    /// <summary>One page of the usage records matching <paramref name="query"/>, newest first.</summary>
    Task<IReadOnlyList<UsageRecordDto>> GetUsagePageAsync(Guid tenantId, UsageQuery query, CancellationToken cancellationToken = default);
}
