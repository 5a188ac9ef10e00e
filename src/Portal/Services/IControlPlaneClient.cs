using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Services;

/// <summary>
/// The admin API as the portal uses it. Every call except <see cref="LoginAsync"/> sends the signed-in member's bearer token.
/// Failures throw <see cref="ControlPlaneException"/> with a message for the user.
/// </summary>
public interface IControlPlaneClient
{
    /// <summary>The password step: a session, or the next step when the member has TOTP on or must enrol.</summary>
    Task<SignInOutcome> LoginAsync(LoginRequest request, CancellationToken cancellationToken = default);

    /// <summary>The TOTP step of a sign-in (anonymous): the challenge and a code or a recovery code.</summary>
    Task<LoginResponse> CompleteTwoFactorLoginAsync(TwoFactorLoginRequest request, CancellationToken cancellationToken = default);

    /// <summary>Enrolment at sign-in (anonymous): a new authenticator key and the challenge to confirm with.</summary>
    Task<TotpEnrolmentDto> StartSignInEnrolmentAsync(string challenge, CancellationToken cancellationToken = default);

    /// <summary>Confirms enrolment at sign-in with a code: recovery codes and the session.</summary>
    Task<SignInEnrolmentResponse> ConfirmSignInEnrolmentAsync(SignInEnrolmentRequest request, CancellationToken cancellationToken = default);

    /// <summary>What an invitation link offers (anonymous); a used, revoked or expired link throws with the reason.</summary>
    Task<InvitationPreviewDto> GetInvitationAsync(string token, CancellationToken cancellationToken = default);

    /// <summary>Accepts an invitation with a new password (anonymous): a session, or the TOTP enrolment step.</summary>
    Task<SignInOutcome> AcceptInvitationAsync(string token, AcceptInvitationRequest request, CancellationToken cancellationToken = default);

    /// <summary>The signed-in member's TOTP state.</summary>
    Task<TotpStatusDto> GetTotpStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>A new authenticator key for the signed-in member (off until confirmed).</summary>
    Task<TotpEnrolmentDto> StartTotpEnrolmentAsync(CancellationToken cancellationToken = default);

    /// <summary>Turns TOTP on with a code; answers the recovery codes.</summary>
    Task<RecoveryCodesDto> ConfirmTotpEnrolmentAsync(string code, CancellationToken cancellationToken = default);

    /// <summary>Turns TOTP off with a code or a recovery code.</summary>
    Task DisableTotpAsync(string code, CancellationToken cancellationToken = default);

    /// <summary>New recovery codes (the old ones stop working), with a code.</summary>
    Task<RecoveryCodesDto> RegenerateRecoveryCodesAsync(string code, CancellationToken cancellationToken = default);

    /// <summary>The tenant's sign-in policy (tenant admins).</summary>
    Task<TenantSettingsDto> GetTenantSettingsAsync(Guid tenantId, CancellationToken cancellationToken = default);

    /// <summary>PATCH the tenant's sign-in policy (tenant admins).</summary>
    Task<TenantSettingsDto> UpdateTenantSettingsAsync(Guid tenantId, UpdateTenantSettingsRequest request, CancellationToken cancellationToken = default);

    /// <summary>Invites a person (tenant admins); the answer holds the one-time token and the link's path.</summary>
    Task<CreatedInvitationDto> CreateInvitationAsync(Guid tenantId, CreateInvitationRequest request, CancellationToken cancellationToken = default);

    /// <summary>The tenant's pending invitations (tenant admins).</summary>
    Task<IReadOnlyList<InvitationDto>> GetInvitationsAsync(Guid tenantId, CancellationToken cancellationToken = default);

    /// <summary>Revokes an invitation (tenant admins).</summary>
    Task RevokeInvitationAsync(Guid tenantId, Guid invitationId, CancellationToken cancellationToken = default);

    Task<CurrentUserDto> GetMeAsync(CancellationToken cancellationToken = default);

    /// <summary>Whether the email's domain signs in with a tenant's single sign-on (anonymous, like <see cref="LoginAsync"/>).</summary>
    Task<SsoDiscoveryDto> DiscoverSsoAsync(string email, CancellationToken cancellationToken = default);

    /// <summary>Trades the one-time code of a finished single sign-on for the member's bearer token (anonymous).</summary>
    Task<LoginResponse> ExchangeSsoCodeAsync(string code, CancellationToken cancellationToken = default);

    /// <summary>The tenant's single sign-on (tenant admins); null when none is set up.</summary>
    Task<SsoConfigDto?> GetSsoAsync(Guid tenantId, CancellationToken cancellationToken = default);

    Task<SsoConfigDto> SaveSsoAsync(Guid tenantId, SsoConfigRequest request, CancellationToken cancellationToken = default);

    Task DeleteSsoAsync(Guid tenantId, CancellationToken cancellationToken = default);

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

    /// <summary>Platform admins: links the tenant to Stripe (customer and metered subscription; safe to repeat).</summary>
    Task<BillingLinkDto> LinkTenantToStripeAsync(Guid tenantId, CancellationToken cancellationToken = default);

    /// <summary>Platform admins: sets what a failed payment does (<c>none</c> or <c>suspend</c> after the grace days).</summary>
    Task<FailedPaymentRuleDto> UpdateFailedPaymentRuleAsync(FailedPaymentRuleDto rule, CancellationToken cancellationToken = default);

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

    /// <summary>Finance: usage and cost of [from, to) (whole UTC hours) per <c>team</c>, <c>tag</c>, <c>key</c> or <c>model</c>, with the total.</summary>
    /// <remarks>With <paramref name="byDay"/>, also each group's cost per day of the tenant's zone (<see cref="ChargebackDto.Days"/>).</remarks>
    Task<ChargebackDto> GetChargebackAsync(
        Guid tenantId, DateTimeOffset from, DateTimeOffset to, string groupBy, bool byDay = false, CancellationToken cancellationToken = default);

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

    /// <summary>The tenant's SCIM base URL and tokens (tenant admins).</summary>
    Task<ScimSettingsDto> GetScimSettingsAsync(Guid tenantId, CancellationToken cancellationToken = default);

    /// <summary>A new SCIM token for the tenant's identity provider; its secret is in the answer only.</summary>
    Task<CreatedScimTokenDto> CreateScimTokenAsync(Guid tenantId, CreateScimTokenRequest request, CancellationToken cancellationToken = default);

    Task<ScimTokenDto> RevokeScimTokenAsync(Guid tenantId, Guid tokenId, CancellationToken cancellationToken = default);
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
