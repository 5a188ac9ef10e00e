using System.Net;
using Switchyard.Portal.Services;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.Portal.Tests.Infrastructure;

/// <summary>An in-memory admin API: records calls and can be told to fail.</summary>
internal sealed partial class FakeControlPlaneClient : IControlPlaneClient
{
    public static readonly Guid TenantId = Guid.Parse("11111111-1111-1111-1111-111111111111");
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public List<TeamDto> Teams { get; } = [];
    public List<KeyDto> Keys { get; } = [];
    public List<RouteDto> Routes { get; } = [];
    public List<UsageRecordDto> Usage { get; } = [];
    public List<UsageKeyTotalsDto> Totals { get; } = [];
    public List<string> Calls { get; } = [];
    public List<NodeStatusDto> Nodes { get; } = [];
    public List<CreateKeyRequest> CreatedKeyRequests { get; } = [];
    public List<UpdateKeyRequest> UpdatedKeyRequests { get; } = [];

    /// <summary>The spend answers by groupBy; the periods asked for are recorded in <see cref="SpendQueries"/>.</summary>
    public Dictionary<string, List<SpendGroupDto>> Spend { get; } = new() { ["team"] = [], ["costCenter"] = [], ["model"] = [], ["tag"] = [], ["key"] = [] };
    public List<(DateTimeOffset From, DateTimeOffset To, string GroupBy)> SpendQueries { get; } = [];
    public List<RouteRequest> RouteRequests { get; } = [];

    /// <summary>The analytics answers by groupBy ("" for none); the queries asked are recorded in <see cref="AnalyticsQueries"/>.</summary>
    public Dictionary<string, AnalyticsDto> Analytics { get; } = [];
    public List<(DateTimeOffset From, DateTimeOffset To, string Interval, string? GroupBy)> AnalyticsQueries { get; } = [];
    public List<CredentialDto> Credentials { get; } = [];
    public List<PolicyDto> Policies { get; } = [];
    public List<PolicyRequest> PolicyRequests { get; } = [];
    public List<PolicyDryRunRequest> DryRuns { get; } = [];

    /// <summary>What a dry run answers.</summary>
    public PolicyDryRunResult DryRunResult { get; set; } = new(false, null, null, "", []);
    public List<CreateCredentialRequest> CredentialRequests { get; } = [];

    /// <summary>What GET …/routes/{id}/health answers per route; a route missing here answers null (404).</summary>
    public Dictionary<Guid, RouteHealthDto> Health { get; } = [];

    /// <summary>When set, the named operation throws this.</summary>
    public Dictionary<string, ControlPlaneException> Failures { get; } = [];

    public static ControlPlaneException Problem(string message, HttpStatusCode status = HttpStatusCode.BadRequest) => new(status, message);

    public TeamDto AddTeam(string name)
    {
        var team = new TeamDto(Guid.NewGuid(), TenantId, name, Now.AddDays(-10));
        Teams.Add(team);
        return team;
    }

    public RouteDto AddRoute(string publicModel, params DeploymentDto[] deployments)
    {
        var route = new RouteDto(Guid.NewGuid(), TenantId, publicModel, "weighted", deployments);
        Routes.Add(route);
        return route;
    }

    public static DeploymentDto Deployment(string kind, string model) =>
        new(Guid.NewGuid(), kind, model, null, null, 1, new Dictionary<string, string>());

    public CredentialDto AddCredential(string name, string kind)
    {
        var credential = new CredentialDto(Guid.NewGuid(), TenantId, name, kind, "…abcd", Now.AddDays(-2));
        Credentials.Add(credential);
        return credential;
    }

    public KeyDto AddKey(TeamDto team, string name, string prefix, params string[] models)
    {
        var key = new KeyDto(Guid.NewGuid(), TenantId, team.Id, name, prefix, models, "Active", null, Now.AddDays(-1), null);
        Keys.Add(key);
        return key;
    }

    public Task<SignInOutcome> LoginAsync(LoginRequest request, CancellationToken cancellationToken = default) =>
        Run(nameof(LoginAsync), () => LoginStep is { } step ? SignInOutcome.Step(step) : SignInOutcome.Signed(Session(request.Email)));

    public Task<CurrentUserDto> GetMeAsync(CancellationToken cancellationToken = default) =>
        Run(nameof(GetMeAsync), () => Me ?? new CurrentUserDto(Guid.NewGuid(), "dev@acme.test", TenantId, "Acme", MemberRole.Developer));

    /// <summary>What <see cref="GetMeAsync"/> answers; null for a developer in no team.</summary>
    public CurrentUserDto? Me { get; set; }

    /// <summary>The tenant's single sign-on (null: none); saved requests are recorded in <see cref="SsoRequests"/>.</summary>
    public SsoConfigDto? Sso { get; set; }
    public List<SsoConfigRequest> SsoRequests { get; } = [];

    public Task<SsoDiscoveryDto> DiscoverSsoAsync(string email, CancellationToken cancellationToken = default) =>
        Run(nameof(DiscoverSsoAsync), () => Sso is { } sso && sso.AllowedDomains.Any(d => email.EndsWith("@" + d, StringComparison.OrdinalIgnoreCase))
            ? new SsoDiscoveryDto(true, sso.TenantId, sso.SsoOnly, $"/api/auth/sso/{sso.TenantId}/login")
            : new SsoDiscoveryDto(false));

    public Task<LoginResponse> ExchangeSsoCodeAsync(string code, CancellationToken cancellationToken = default) =>
        Run(nameof(ExchangeSsoCodeAsync), () => new LoginResponse("token", Now.AddHours(1), new CurrentUserDto(Guid.NewGuid(), "sso@acme.test", TenantId, "Acme", MemberRole.Developer)));

    public Task<SsoConfigDto?> GetSsoAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        Run(nameof(GetSsoAsync), () => Sso);

    public Task<SsoConfigDto> SaveSsoAsync(Guid tenantId, SsoConfigRequest request, CancellationToken cancellationToken = default) =>
        Run(nameof(SaveSsoAsync), () =>
        {
            SsoRequests.Add(request);
            Sso = new SsoConfigDto(
                tenantId, request.Issuer, request.ClientId, request.ClientSecret is not null || Sso?.HasClientSecret == true, request.AllowedDomains,
                request.Scopes ?? ["openid", "profile", "email"], request.GroupsClaim ?? "groups", request.DefaultRole, request.Mappings ?? [],
                request.SsoOnly, $"http://portal.test/api/auth/sso/{tenantId}/callback", Now);
            return Sso;
        });

    public Task DeleteSsoAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        Run(nameof(DeleteSsoAsync), () =>
        {
            Sso = null;
            return true;
        });

    public Task<IReadOnlyList<TeamDto>> GetTeamsAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        Run(nameof(GetTeamsAsync), () =>
        {
            TenantIdsUsed.Add(tenantId);
            return (IReadOnlyList<TeamDto>)[.. Teams];
        });

    public Task<TeamDto> CreateTeamAsync(Guid tenantId, CreateTeamRequest request, CancellationToken cancellationToken = default) =>
        Run(nameof(CreateTeamAsync), () => AddTeam(request.Name));

    public Task<IReadOnlyList<KeyDto>> GetKeysAsync(Guid tenantId, Guid? teamId, CancellationToken cancellationToken = default) =>
        Run(nameof(GetKeysAsync), () => (IReadOnlyList<KeyDto>)[.. Keys.Where(k => teamId is null || k.TeamId == teamId)]);

    public Task<CreatedKeyDto> CreateKeyAsync(Guid tenantId, CreateKeyRequest request, CancellationToken cancellationToken = default) =>
        Run(nameof(CreateKeyAsync), () =>
        {
            CreatedKeyRequests.Add(request);
            var key = new KeyDto(Guid.NewGuid(), tenantId, request.TeamId, request.Name, "sk-sy-new", request.AllowedModels ?? [],
                "Active", request.ExpiresAt, Now, null, request.Limits, request.Tags, request.Metadata, request.AllowRequestTags);
            Keys.Add(key);
            return new CreatedKeyDto(key, "sk-sy-new-SECRET-0123456789");
        });

    public Task<KeyDto> UpdateKeyAsync(Guid tenantId, Guid keyId, UpdateKeyRequest request, CancellationToken cancellationToken = default) =>
        Run(nameof(UpdateKeyAsync), () =>
        {
            UpdatedKeyRequests.Add(request);
            var index = Keys.FindIndex(k => k.Id == keyId);
            Keys[index] = Keys[index] with
            {
                Tags = request.Tags ?? Keys[index].Tags, AllowRequestTags = request.AllowRequestTags ?? Keys[index].AllowRequestTags,
            };
            return Keys[index];
        });

    public Task<KeyDto> RevokeKeyAsync(Guid tenantId, Guid keyId, CancellationToken cancellationToken = default) =>
        Run(nameof(RevokeKeyAsync), () =>
        {
            var index = Keys.FindIndex(k => k.Id == keyId);
            Keys[index] = Keys[index] with { Status = "Revoked", RevokedAt = Now };
            return Keys[index];
        });

    public Task<CreatedKeyDto> RotateKeyAsync(Guid tenantId, Guid keyId, int? graceSeconds, CancellationToken cancellationToken = default) =>
        Run(nameof(RotateKeyAsync), () =>
        {
            var index = Keys.FindIndex(k => k.Id == keyId);
            Keys[index] = Keys[index] with
            {
                Prefix = "sk-sy-rot", PreviousPrefix = Keys[index].Prefix, PreviousExpiresAt = Now.AddSeconds(graceSeconds ?? 86400), RotatedAt = Now,
            };
            return new CreatedKeyDto(Keys[index], "sk-sy-rotated-secret-0123456789");
        });

    public Task<IReadOnlyList<KeyDto>> GetExpiringKeysAsync(Guid tenantId, int days, CancellationToken cancellationToken = default) =>
        Run(nameof(GetExpiringKeysAsync), () => (IReadOnlyList<KeyDto>)[.. Keys.Where(k => k.Status == "Active"
            && ((k.ExpiresAt > Now && k.ExpiresAt <= Now.AddDays(days)) || (k.PreviousExpiresAt > Now && k.PreviousExpiresAt <= Now.AddDays(days))))]);

    public Task<IReadOnlyList<RouteDto>> GetRoutesAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        Run(nameof(GetRoutesAsync), () => (IReadOnlyList<RouteDto>)[.. Routes]);

    public Task<RouteDto> CreateRouteAsync(Guid tenantId, RouteRequest request, CancellationToken cancellationToken = default) =>
        Run(nameof(CreateRouteAsync), () =>
        {
            RouteRequests.Add(request);
            var route = ToDto(Guid.NewGuid(), request);
            Routes.Add(route);
            return route;
        });

    public Task<RouteDto> UpdateRouteAsync(Guid tenantId, Guid routeId, RouteRequest request, CancellationToken cancellationToken = default) =>
        Run(nameof(UpdateRouteAsync), () =>
        {
            RouteRequests.Add(request);
            var route = ToDto(routeId, request);
            Routes[Routes.FindIndex(r => r.Id == routeId)] = route;
            return route;
        });

    public Task DeleteRouteAsync(Guid tenantId, Guid routeId, CancellationToken cancellationToken = default) =>
        Run(nameof(DeleteRouteAsync), () => Routes.RemoveAll(r => r.Id == routeId));

    public Task<IReadOnlyList<NodeStatusDto>> GetNodesAsync(CancellationToken cancellationToken = default) =>
        Run(nameof(GetNodesAsync), () => (IReadOnlyList<NodeStatusDto>)[.. Nodes]);

    public Task<RouteHealthDto?> GetRouteHealthAsync(Guid tenantId, Guid routeId, CancellationToken cancellationToken = default) =>
        Run(nameof(GetRouteHealthAsync), () => Health.GetValueOrDefault(routeId));

    public PolicyDto AddPolicy(string name, PolicyRequest? rules = null)
    {
        var policy = new PolicyDto(Guid.NewGuid(), TenantId, name, null, rules?.Dlp ?? [], rules?.Guardrails ?? [], null, null, Now, Now);
        Policies.Add(policy);
        return policy;
    }

    public Task<IReadOnlyList<PolicyDto>> GetPoliciesAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        Run(nameof(GetPoliciesAsync), () => (IReadOnlyList<PolicyDto>)[.. Policies]);

    public Task<PolicyDto> CreatePolicyAsync(Guid tenantId, PolicyRequest request, CancellationToken cancellationToken = default) =>
        Run(nameof(CreatePolicyAsync), () =>
        {
            PolicyRequests.Add(request);
            return AddPolicy(request.Name, request);
        });

    public Task<PolicyDto> UpdatePolicyAsync(Guid tenantId, Guid policyId, PolicyRequest request, CancellationToken cancellationToken = default) =>
        Run(nameof(UpdatePolicyAsync), () =>
        {
            PolicyRequests.Add(request);
            var index = Policies.FindIndex(p => p.Id == policyId);
            Policies[index] = Policies[index] with { Name = request.Name, Dlp = request.Dlp ?? [], Guardrails = request.Guardrails ?? [] };
            return Policies[index];
        });

    public Task<PolicyDryRunResult> DryRunPolicyAsync(Guid tenantId, Guid policyId, PolicyDryRunRequest request, CancellationToken cancellationToken = default) =>
        Run(nameof(DryRunPolicyAsync), () =>
        {
            DryRuns.Add(request);
            return DryRunResult;
        });

    public Task<IReadOnlyList<CredentialDto>> GetCredentialsAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        Run(nameof(GetCredentialsAsync), () => (IReadOnlyList<CredentialDto>)[.. Credentials]);

    public Task<CredentialDto> CreateCredentialAsync(Guid tenantId, CreateCredentialRequest request, CancellationToken cancellationToken = default) =>
        Run(nameof(CreateCredentialAsync), () =>
        {
            CredentialRequests.Add(request);
            return AddCredential(request.Name, request.ProviderKind);
        });

    public Task DeleteCredentialAsync(Guid tenantId, Guid credentialId, CancellationToken cancellationToken = default) =>
        Run(nameof(DeleteCredentialAsync), () => Credentials.RemoveAll(c => c.Id == credentialId));

    public Task<ResolvedModelDto> ResolveModelAsync(string providerKind, string upstreamModel, CancellationToken cancellationToken = default) =>
        Run(nameof(ResolveModelAsync), () => providerKind == ProviderKinds.Mock
            ? new ResolvedModelDto(providerKind, upstreamModel, null, ModelCapabilities.Unrestricted)
            : new ResolvedModelDto(providerKind, upstreamModel, "gpt-4o", new ModelCapabilities(128_000, 16_384, Tools: true, Vision: true, JsonSchema: true)));

    public Task<IReadOnlyList<UsageRecordDto>> GetUsageAsync(Guid tenantId, Guid? keyId, int limit = 100, CancellationToken cancellationToken = default) =>
        Run(nameof(GetUsageAsync), () => (IReadOnlyList<UsageRecordDto>)[.. Usage.Where(u => keyId is null || u.KeyId == keyId).Take(limit)]);

    public Task<IReadOnlyList<UsageKeyTotalsDto>> GetUsageByKeyAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        Run(nameof(GetUsageByKeyAsync), () => (IReadOnlyList<UsageKeyTotalsDto>)[.. Totals]);

    public Task<AnalyticsDto> GetAnalyticsAsync(
        Guid tenantId, DateTimeOffset from, DateTimeOffset to, string interval, string? groupBy, CancellationToken cancellationToken = default) =>
        Run(nameof(GetAnalyticsAsync), () =>
        {
            AnalyticsQueries.Add((from, to, interval, groupBy));
            return Analytics.TryGetValue(groupBy ?? "", out var answer)
                ? answer
                : new AnalyticsDto(from, to, interval, groupBy, 0.0488, new AnalyticsSeriesDto("total", null, EmptyPoint(from), []), []);
        });

    public static AnalyticsPointDto EmptyPoint(DateTimeOffset start) =>
        new(start, 0, 0, 0, 0, null, null, null, null, null, null, null, 0, 0, 0, 0, 0, 0, 0);

    public Task<SpendDto> GetSpendAsync(Guid tenantId, DateTimeOffset from, DateTimeOffset to, string groupBy, CancellationToken cancellationToken = default) =>
        Run(nameof(GetSpendAsync), () =>
        {
            SpendQueries.Add((from, to, groupBy));
            var groups = Spend[groupBy];
            var total = new SpendGroupDto("total", null, groups.Sum(g => g.CostMicros), groups.Sum(g => g.Requests), groups.Sum(g => g.PromptTokens),
                groups.Sum(g => g.CompletionTokens), 0, 0, 0, 0);
            return new SpendDto(from, to, groupBy, [.. groups], total);
        });

    private static RouteDto ToDto(Guid id, RouteRequest r) => new(
        id, TenantId, r.PublicModel, r.Strategy,
        [.. r.Deployments.Select(d => new DeploymentDto(
            Guid.NewGuid(), d.ProviderKind, d.UpstreamModel, d.BaseUrl, d.CredentialId, d.Weight, d.Settings ?? new Dictionary<string, string>(),
            d.Capabilities, d.Priority, d.InputPricePerMTok, d.OutputPricePerMTok, d.HealthCheckIntervalSeconds))],
        r.DropUnsupportedParams, r.Fallbacks, r.ContextWindowFallbacks, r.ContentPolicyFallbacks, r.Sticky, r.Retry, r.Timeouts, r.Breaker);

    public List<BudgetStatusDto> Budgets { get; } = [];
    public List<BudgetAlertDto> BudgetAlerts { get; } = [];
    public List<(Guid TeamId, UpdateTeamRequest Request)> UpdatedTeamRequests { get; } = [];

    public Task<IReadOnlyList<BudgetStatusDto>> GetBudgetsAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        Run<IReadOnlyList<BudgetStatusDto>>(nameof(GetBudgetsAsync), () => [.. Budgets]);

    public Task<IReadOnlyList<BudgetAlertDto>> GetBudgetAlertsAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        Run<IReadOnlyList<BudgetAlertDto>>(nameof(GetBudgetAlertsAsync), () => [.. BudgetAlerts]);

    public PlatformBillingDto PlatformBilling { get; set; } = new("switchyard_usage", "CostMicros", []);
    public TenantBillingDto? TenantBilling { get; set; }

    public Task<PlatformBillingDto> GetPlatformBillingAsync(CancellationToken cancellationToken = default) =>
        Run(nameof(GetPlatformBillingAsync), () => PlatformBilling);

    public Task<TenantBillingDto> GetTenantBillingAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        Run(nameof(GetTenantBillingAsync), () => TenantBilling ?? throw new InvalidOperationException("No tenant billing scripted."));

    /// <summary>The tenants linked through <see cref="LinkTenantToStripeAsync"/>; each becomes linked in <see cref="PlatformBilling"/>.</summary>
    public List<Guid> LinkedTenants { get; } = [];

    public Task<BillingLinkDto> LinkTenantToStripeAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        Run(nameof(LinkTenantToStripeAsync), () =>
        {
            LinkedTenants.Add(tenantId);
            PlatformBilling = PlatformBilling with
            {
                Tenants = [.. PlatformBilling.Tenants.Select(t => t.TenantId == tenantId ? t with { StripeCustomerId = "cus_new", StripeSubscriptionId = "sub_new", SubscriptionStatus = "active" } : t)],
            };
            return new BillingLinkDto(tenantId, "cus_new", "sub_new", "active");
        });

    public Task<FailedPaymentRuleDto> UpdateFailedPaymentRuleAsync(FailedPaymentRuleDto rule, CancellationToken cancellationToken = default) =>
        Run(nameof(UpdateFailedPaymentRuleAsync), () =>
        {
            var saved = rule with { UpdatedAt = Now };
            PlatformBilling = PlatformBilling with { FailedPaymentRule = saved };
            return saved;
        });

    public Task<TeamDto> UpdateTeamAsync(Guid tenantId, Guid teamId, UpdateTeamRequest request, CancellationToken cancellationToken = default) =>
        Run(nameof(UpdateTeamAsync), () =>
        {
            UpdatedTeamRequests.Add((teamId, request));
            var index = Teams.FindIndex(t => t.Id == teamId);
            Teams[index] = Teams[index] with
            {
                Name = request.Name ?? Teams[index].Name,
                Limits = request.Limits ?? Teams[index].Limits, Budget = request.Budget is { } b ? b.ToBudget() : Teams[index].Budget,
            };
            return Teams[index];
        });

    public TenantDto Tenant { get; set; } = new(TenantId, "Acme", true, Now.AddDays(-30));
    public List<UpdateTenantRequest> UpdatedTenantRequests { get; } = [];

    public Task<TenantDto> GetTenantAsync(Guid tenantId, CancellationToken cancellationToken = default) => Run(nameof(GetTenantAsync), () => Tenant);

    public Task<TenantDto> UpdateTenantAsync(Guid tenantId, UpdateTenantRequest request, CancellationToken cancellationToken = default) =>
        Run(nameof(UpdateTenantAsync), () =>
        {
            UpdatedTenantRequests.Add(request);
            var listed = Tenants.FindIndex(t => t.Id == tenantId);
            if (listed >= 0)
            {
                return Tenants[listed] = Tenants[listed] with { Name = request.Name ?? Tenants[listed].Name, Active = request.Active ?? Tenants[listed].Active };
            }

            Tenant = Tenant with { Limits = request.Limits ?? Tenant.Limits, Budget = request.Budget is { } b ? b.ToBudget() : Tenant.Budget };
            return Tenant;
        });

    public List<AuditRequestEntryDto> AuditRequests { get; } = [];
    public List<AuditAdminEntryDto> AuditActions { get; } = [];
    public List<string> AuditQueries { get; } = [];
    public AuditVerificationDto AuditVerification { get; set; } = new(true, []);
    public Dictionary<Guid, AuditRequestDetailDto> AuditDetails { get; } = [];

    public Task<AuditRequestPage> GetAuditRequestsAsync(Guid tenantId, string query, CancellationToken cancellationToken = default) =>
        Run(nameof(GetAuditRequestsAsync), () =>
        {
            AuditQueries.Add(query);
            return new AuditRequestPage([.. AuditRequests], null);
        });

    public Task<AuditAdminPage> GetAuditActionsAsync(Guid tenantId, string query, CancellationToken cancellationToken = default) =>
        Run(nameof(GetAuditActionsAsync), () =>
        {
            AuditQueries.Add(query);
            return new AuditAdminPage([.. AuditActions], null);
        });

    public Task<AuditRequestDetailDto> GetAuditEntryAsync(Guid tenantId, Guid entryId, CancellationToken cancellationToken = default) =>
        Run(nameof(GetAuditEntryAsync), () => AuditDetails[entryId]);

    public Task<AuditVerificationDto> VerifyAuditAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        Run(nameof(VerifyAuditAsync), () => AuditVerification);

    /// <summary>The chargeback lines by groupBy; the queries asked for are recorded in <see cref="ChargebackQueries"/>.</summary>
    public Dictionary<string, List<ChargebackLineDto>> Chargeback { get; } = new() { ["team"] = [], ["costCenter"] = [], ["model"] = [], ["tag"] = [], ["key"] = [] };
    public List<(DateTimeOffset From, DateTimeOffset To, string GroupBy, bool ByDay)> ChargebackQueries { get; } = [];
    /// <summary>The by-day series answered with byDay (filtered to the asked groupBy's keys).</summary>
    public List<ChargebackDayDto> ChargebackDays { get; } = [];
    public List<ChargebackStatementSummaryDto> ChargebackStatements { get; } = [];
    public Dictionary<Guid, ChargebackStatementDto> ChargebackStatementDetails { get; } = [];
    public List<ChargebackRequestDto> ChargebackLineRequests { get; } = [];
    public List<(Guid StatementId, Guid LineId, int Page, int PageSize)> ChargebackLineRequestQueries { get; } = [];

    public Task<ChargebackDto> GetChargebackAsync(
        Guid tenantId, DateTimeOffset from, DateTimeOffset to, string groupBy, bool byDay = false, CancellationToken cancellationToken = default) =>
        Run(nameof(GetChargebackAsync), () =>
        {
            ChargebackQueries.Add((from, to, groupBy, byDay));
            var lines = Chargeback[groupBy];
            var total = new ChargebackLineDto("total", null, lines.Sum(l => l.Requests), lines.Sum(l => l.Errors), lines.Sum(l => l.InputTokens),
                lines.Sum(l => l.OutputTokens), lines.Sum(l => l.CachedInputTokens), lines.Sum(l => l.CacheWriteTokens), lines.Sum(l => l.ReasoningTokens),
                lines.Sum(l => l.CostMicros), lines.Sum(l => l.CostUsd), lines.Sum(l => l.InputCostMicros), lines.Sum(l => l.CachedInputCostMicros),
                lines.Sum(l => l.CacheWriteCostMicros), lines.Sum(l => l.OutputCostMicros), lines.Sum(l => l.ReasoningCostMicros),
                lines.Sum(l => l.UnattributedCostMicros));
            return new ChargebackDto(tenantId, from, to, groupBy, total, [.. lines], byDay ? [.. ChargebackDays.Where(d => lines.Any(l => l.Key == d.Key))] : null, byDay ? "UTC" : null);
        });

    public Task<IReadOnlyList<ChargebackStatementSummaryDto>> GetChargebackStatementsAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        Run(nameof(GetChargebackStatementsAsync), () => (IReadOnlyList<ChargebackStatementSummaryDto>)[.. ChargebackStatements]);

    public Task<ChargebackStatementDto> GetChargebackStatementAsync(Guid tenantId, Guid statementId, CancellationToken cancellationToken = default) =>
        Run(nameof(GetChargebackStatementAsync), () => ChargebackStatementDetails[statementId]);

    public Task<ChargebackLineRequestsDto> GetChargebackLineRequestsAsync(
        Guid tenantId, Guid statementId, Guid lineId, int page, int pageSize, CancellationToken cancellationToken = default) =>
        Run(nameof(GetChargebackLineRequestsAsync), () =>
        {
            ChargebackLineRequestQueries.Add((statementId, lineId, page, pageSize));
            return new ChargebackLineRequestsDto(
                lineId, page, pageSize, ChargebackLineRequests.Count, [.. ChargebackLineRequests.Skip((page - 1) * pageSize).Take(pageSize)]);
        });

    public List<MemberDto> Members { get; } = [];
    public Dictionary<Guid, List<TeamMemberDto>> TeamMembers { get; } = [];
    public List<CreateMemberRequest> CreatedMemberRequests { get; } = [];
    public List<(Guid MemberId, UpdateMemberRequest Request)> UpdatedMemberRequests { get; } = [];

    public MemberDto AddMember(string email, MemberRole role = MemberRole.Developer, bool active = true)
    {
        var member = new MemberDto(Guid.NewGuid(), TenantId, email, role, [], active);
        Members.Add(member);
        return member;
    }

    public TeamMemberDto AddTeamMember(TeamDto team, MemberDto member, TeamRole role = TeamRole.Member)
    {
        var entry = new TeamMemberDto(member.Id, member.Email, member.Role, role, Now.AddDays(-1));
        if (!TeamMembers.TryGetValue(team.Id, out var list))
        {
            TeamMembers[team.Id] = list = [];
        }

        list.RemoveAll(m => m.MemberId == member.Id);
        list.Add(entry);
        return entry;
    }

    public Task DeleteTeamAsync(Guid tenantId, Guid teamId, CancellationToken cancellationToken = default) =>
        Run(nameof(DeleteTeamAsync), () => Teams.RemoveAll(t => t.Id == teamId));

    public Task<IReadOnlyList<TeamMemberDto>> GetTeamMembersAsync(Guid tenantId, Guid teamId, CancellationToken cancellationToken = default) =>
        Run(nameof(GetTeamMembersAsync), () => (IReadOnlyList<TeamMemberDto>)[.. TeamMembers.GetValueOrDefault(teamId) ?? []]);

    public Task<TeamMemberDto> SetTeamMemberAsync(Guid tenantId, Guid teamId, Guid memberId, TeamRole role, CancellationToken cancellationToken = default) =>
        Run(nameof(SetTeamMemberAsync), () => AddTeamMember(Teams.Single(t => t.Id == teamId), Members.Single(m => m.Id == memberId), role));

    public Task RemoveTeamMemberAsync(Guid tenantId, Guid teamId, Guid memberId, CancellationToken cancellationToken = default) =>
        Run(nameof(RemoveTeamMemberAsync), () => TeamMembers.GetValueOrDefault(teamId)?.RemoveAll(m => m.MemberId == memberId) ?? 0);

    public Task<IReadOnlyList<MemberDto>> GetMembersAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        Run(nameof(GetMembersAsync), () => (IReadOnlyList<MemberDto>)[.. Members]);

    public Task<MemberDto> CreateMemberAsync(Guid tenantId, CreateMemberRequest request, CancellationToken cancellationToken = default) =>
        Run(nameof(CreateMemberAsync), () =>
        {
            CreatedMemberRequests.Add(request);
            return AddMember(request.Email, request.Role);
        });

    public Task<MemberDto> UpdateMemberAsync(Guid tenantId, Guid memberId, UpdateMemberRequest request, CancellationToken cancellationToken = default) =>
        Run(nameof(UpdateMemberAsync), () =>
        {
            UpdatedMemberRequests.Add((memberId, request));
            var index = Members.FindIndex(m => m.Id == memberId);
            Members[index] = Members[index] with { Role = request.Role ?? Members[index].Role, Active = request.Active ?? Members[index].Active };
            return Members[index];
        });

    public Task DeleteMemberAsync(Guid tenantId, Guid memberId, CancellationToken cancellationToken = default) =>
        Run(nameof(DeleteMemberAsync), () => Members.RemoveAll(m => m.Id == memberId));

    /// <summary>What GET …/scim answers for the base URL; the tokens are <see cref="ScimTokens"/>.</summary>
    public string ScimBaseUrl { get; set; } = "https://switchyard.example.com/scim/v2";
    public List<ScimTokenDto> ScimTokens { get; } = [];
    public List<CreateScimTokenRequest> CreatedScimTokenRequests { get; } = [];

    public ScimTokenDto AddScimToken(string name, bool revoked = false)
    {
        var token = new ScimTokenDto(Guid.NewGuid(), TenantId, name, "sy-scim-abcd", Now.AddDays(-ScimTokens.Count - 1), revoked ? Now : null, null);
        ScimTokens.Add(token);
        return token;
    }

    public Task<ScimSettingsDto> GetScimSettingsAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        Run(nameof(GetScimSettingsAsync), () => new ScimSettingsDto(ScimBaseUrl, [.. ScimTokens]));

    public Task<CreatedScimTokenDto> CreateScimTokenAsync(Guid tenantId, CreateScimTokenRequest request, CancellationToken cancellationToken = default) =>
        Run(nameof(CreateScimTokenAsync), () =>
        {
            CreatedScimTokenRequests.Add(request);
            var token = new ScimTokenDto(Guid.NewGuid(), tenantId, request.Name, "sy-scim-new1", Now, null, null);
            ScimTokens.Add(token);
            return new CreatedScimTokenDto(token, "sy-scim-new1-the-whole-secret");
        });

    public Task<ScimTokenDto> RevokeScimTokenAsync(Guid tenantId, Guid tokenId, CancellationToken cancellationToken = default) =>
        Run(nameof(RevokeScimTokenAsync), () =>
        {
            var index = ScimTokens.FindIndex(t => t.Id == tokenId);
            ScimTokens[index] = ScimTokens[index] with { RevokedAt = Now };
            return ScimTokens[index];
        });

    public List<TenantDto> Tenants { get; } = [];
    public List<CreateTenantRequest> CreatedTenantRequests { get; } = [];

    /// <summary>Admin keys by tenant; <see cref="Guid.Empty"/> holds the platform keys.</summary>
    public List<AdminKeyDto> AdminKeys { get; } = [];
    public List<(Guid? TenantId, CreateAdminKeyRequest Request)> CreatedAdminKeyRequests { get; } = [];

    /// <summary>The tenant ids the admin API was called with, in order (every tenant-scoped call records its id).</summary>
    public List<Guid> TenantIdsUsed { get; } = [];

    public TenantDto AddTenant(string name, bool active = true, Guid? id = null)
    {
        var tenant = new TenantDto(id ?? Guid.NewGuid(), name, active, Now.AddDays(-30));
        Tenants.Add(tenant);
        return tenant;
    }

    public AdminKeyDto AddAdminKey(Guid? tenantId, string name, MemberRole role = MemberRole.TenantAdmin, bool revoked = false)
    {
        var key = new AdminKeyDto(Guid.NewGuid(), tenantId, name, "sya_" + name[..Math.Min(4, name.Length)], role, Now.AddDays(-2), revoked ? Now.AddDays(-1) : null);
        AdminKeys.Add(key);
        return key;
    }

    public Task<IReadOnlyList<TenantDto>> GetTenantsAsync(CancellationToken cancellationToken = default) =>
        Run(nameof(GetTenantsAsync), () => (IReadOnlyList<TenantDto>)[.. Tenants]);

    public Task<TenantDto> CreateTenantAsync(CreateTenantRequest request, CancellationToken cancellationToken = default) =>
        Run(nameof(CreateTenantAsync), () =>
        {
            CreatedTenantRequests.Add(request);
            return AddTenant(request.Name);
        });

    public Task<IReadOnlyList<AdminKeyDto>> GetAdminKeysAsync(Guid? tenantId, CancellationToken cancellationToken = default) =>
        Run(nameof(GetAdminKeysAsync), () => (IReadOnlyList<AdminKeyDto>)[.. AdminKeys.Where(k => k.TenantId == tenantId)]);

    public Task<CreatedAdminKeyDto> CreateAdminKeyAsync(Guid? tenantId, CreateAdminKeyRequest request, CancellationToken cancellationToken = default) =>
        Run(nameof(CreateAdminKeyAsync), () =>
        {
            CreatedAdminKeyRequests.Add((tenantId, request));
            var key = AddAdminKey(tenantId, request.Name, request.Role ?? MemberRole.PlatformAdmin);
            return new CreatedAdminKeyDto(key, "sya_secret_" + request.Name);
        });

    public Task<AdminKeyDto> RevokeAdminKeyAsync(Guid? tenantId, Guid keyId, CancellationToken cancellationToken = default) =>
        Run(nameof(RevokeAdminKeyAsync), () =>
        {
            var index = AdminKeys.FindIndex(k => k.Id == keyId && k.TenantId == tenantId);
            AdminKeys[index] = AdminKeys[index] with { RevokedAt = Now };
            return AdminKeys[index];
        });

    public List<UsageQuery> UsageQueries { get; } = [];

    public Task<IReadOnlyList<UsageRecordDto>> GetUsagePageAsync(Guid tenantId, UsageQuery query, CancellationToken cancellationToken = default) =>
        Run(nameof(GetUsagePageAsync), () =>
        {
            UsageQueries.Add(query);
            return (IReadOnlyList<UsageRecordDto>)[.. Usage
                .Where(u => (query.KeyId is null || u.KeyId == query.KeyId) && (query.TeamId is null || u.TeamId == query.TeamId)
                    && (query.Model is null || u.Model == query.Model)
                    && (query.Status is null || (query.Status == "error") == (u.StatusCode >= 400))
                    && (query.From is null || u.Timestamp >= query.From) && (query.To is null || u.Timestamp < query.To))
                .OrderByDescending(u => u.Timestamp).Skip(query.Offset).Take(query.Limit)];
        });

    private Task<T> Run<T>(string operation, Func<T> result)
    {
        Calls.Add(operation);
        return Failures.TryGetValue(operation, out var failure) ? Task.FromException<T>(failure) : Task.FromResult(result());
    }
}
