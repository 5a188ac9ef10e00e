using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Components.Authorization;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Services;

/// <summary>Typed client of the admin API; the bearer token comes from the signed-in member's claims (works in a circuit).</summary>
public sealed class ControlPlaneClient(HttpClient http, AuthenticationStateProvider authentication) : IControlPlaneClient
{
    public const string HttpClientName = "Switchyard.Portal.ControlPlane";

    public Task<SignInOutcome> LoginAsync(LoginRequest request, CancellationToken cancellationToken = default) =>
        SignInStepAsync("api/auth/login", request, cancellationToken);

    public Task<LoginResponse> CompleteTwoFactorLoginAsync(TwoFactorLoginRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<LoginResponse>(Anonymous(HttpMethod.Post, "api/auth/login/two-factor", request), cancellationToken, isLogin: true);

    public Task<TotpEnrolmentDto> StartSignInEnrolmentAsync(string challenge, CancellationToken cancellationToken = default) =>
        SendAsync<TotpEnrolmentDto>(Anonymous(HttpMethod.Post, "api/auth/login/totp-enrolment", new SignInEnrolmentRequest(challenge)), cancellationToken, isLogin: true);

    public Task<SignInEnrolmentResponse> ConfirmSignInEnrolmentAsync(SignInEnrolmentRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<SignInEnrolmentResponse>(Anonymous(HttpMethod.Post, "api/auth/login/totp-enrolment/confirm", request), cancellationToken, isLogin: true);

    public Task<InvitationPreviewDto> GetInvitationAsync(string token, CancellationToken cancellationToken = default) =>
        SendAsync<InvitationPreviewDto>(Anonymous(HttpMethod.Get, $"api/invitations/{Uri.EscapeDataString(token)}", null), cancellationToken, isLogin: true);

    public Task<SignInOutcome> AcceptInvitationAsync(string token, AcceptInvitationRequest request, CancellationToken cancellationToken = default) =>
        SignInStepAsync($"api/invitations/{Uri.EscapeDataString(token)}/accept", request, cancellationToken);

    public Task<TotpStatusDto> GetTotpStatusAsync(CancellationToken cancellationToken = default) =>
        GetAsync<TotpStatusDto>("api/me/totp", cancellationToken);

    public Task<TotpEnrolmentDto> StartTotpEnrolmentAsync(CancellationToken cancellationToken = default) =>
        PostAsync<TotpEnrolmentDto>("api/me/totp/enrolment", null, cancellationToken);

    public Task<RecoveryCodesDto> ConfirmTotpEnrolmentAsync(string code, CancellationToken cancellationToken = default) =>
        PostAsync<RecoveryCodesDto>("api/me/totp/confirm", new TotpCodeRequest(code), cancellationToken);

    public async Task DisableTotpAsync(string code, CancellationToken cancellationToken = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "api/me/totp/disable")
        {
            Content = JsonContent.Create(new TotpCodeRequest(code), options: SwitchyardJson.Options),
        };
        await AuthorizeAsync(message);
        using var response = await SendRawAsync(message, isLogin: false, cancellationToken);
    }

    public Task<RecoveryCodesDto> RegenerateRecoveryCodesAsync(string code, CancellationToken cancellationToken = default) =>
        PostAsync<RecoveryCodesDto>("api/me/totp/recovery-codes", new TotpCodeRequest(code), cancellationToken);

    public Task<TenantSettingsDto> GetTenantSettingsAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        GetAsync<TenantSettingsDto>($"api/tenants/{tenantId}/settings", cancellationToken);

    public Task<TenantSettingsDto> UpdateTenantSettingsAsync(Guid tenantId, UpdateTenantSettingsRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<TenantSettingsDto>(HttpMethod.Patch, $"api/tenants/{tenantId}/settings", request, cancellationToken);

    public Task<CreatedInvitationDto> CreateInvitationAsync(Guid tenantId, CreateInvitationRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<CreatedInvitationDto>($"api/tenants/{tenantId}/invitations", request, cancellationToken);

    public Task<IReadOnlyList<InvitationDto>> GetInvitationsAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<InvitationDto>>($"api/tenants/{tenantId}/invitations", cancellationToken);

    public Task RevokeInvitationAsync(Guid tenantId, Guid invitationId, CancellationToken cancellationToken = default) =>
        DeleteAsync($"api/tenants/{tenantId}/invitations/{invitationId}", cancellationToken);

    /// <summary>An anonymous sign-in call (the member's address forwarded for throttling).</summary>
    private static HttpRequestMessage Anonymous(HttpMethod method, string path, object? body)
    {
        var message = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            message.Content = JsonContent.Create(body, options: SwitchyardJson.Options);
        }

        message.Options.Set(ForwardClientAddressHandler.Forward, true);
        return message;
    }

    /// <summary>A sign-in call answered by a session (200) or the next step (202).</summary>
    private async Task<SignInOutcome> SignInStepAsync(string path, object body, CancellationToken cancellationToken)
    {
        using var message = Anonymous(HttpMethod.Post, path, body);
        using var response = await SendRawAsync(message, isLogin: true, cancellationToken);
        try
        {
            return response.StatusCode == HttpStatusCode.Accepted
                ? SignInOutcome.Step(await response.Content.ReadFromJsonAsync<SignInStepDto>(SwitchyardJson.Options, cancellationToken)
                    ?? throw new ControlPlaneException(response.StatusCode, ProblemMessages.EmptyResponse))
                : SignInOutcome.Signed(await response.Content.ReadFromJsonAsync<LoginResponse>(SwitchyardJson.Options, cancellationToken)
                    ?? throw new ControlPlaneException(response.StatusCode, ProblemMessages.EmptyResponse));
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new ControlPlaneException(response.StatusCode, ProblemMessages.EmptyResponse, ex);
        }
    }

    public Task<CurrentUserDto> GetMeAsync(CancellationToken cancellationToken = default) =>
        GetAsync<CurrentUserDto>("api/me", cancellationToken);

    public async Task<SsoDiscoveryDto> DiscoverSsoAsync(string email, CancellationToken cancellationToken = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, $"api/auth/sso/discover?email={Uri.EscapeDataString(email)}");
        message.Options.Set(ForwardClientAddressHandler.Forward, true);
        return await SendAsync<SsoDiscoveryDto>(message, cancellationToken);
    }

    public async Task<LoginResponse> ExchangeSsoCodeAsync(string code, CancellationToken cancellationToken = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "api/auth/sso/exchange")
        {
            Content = JsonContent.Create(new SsoExchangeRequest(code), options: SwitchyardJson.Options),
        };
        message.Options.Set(ForwardClientAddressHandler.Forward, true);
        return await SendAsync<LoginResponse>(message, cancellationToken);
    }

    public async Task<SsoConfigDto?> GetSsoAsync(Guid tenantId, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetAsync<SsoConfigDto>($"api/tenants/{tenantId}/sso", cancellationToken);
        }
        catch (ControlPlaneException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public Task<SsoConfigDto> SaveSsoAsync(Guid tenantId, SsoConfigRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<SsoConfigDto>(HttpMethod.Put, $"api/tenants/{tenantId}/sso", request, cancellationToken);

    public Task DeleteSsoAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        DeleteAsync($"api/tenants/{tenantId}/sso", cancellationToken);

    public Task<TenantDto> GetTenantAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        GetAsync<TenantDto>($"api/tenants/{tenantId}", cancellationToken);

    public Task<TenantDto> UpdateTenantAsync(Guid tenantId, UpdateTenantRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<TenantDto>(HttpMethod.Patch, $"api/tenants/{tenantId}", request, cancellationToken);

    public Task<IReadOnlyList<TeamDto>> GetTeamsAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<TeamDto>>($"api/tenants/{tenantId}/teams", cancellationToken);

    public Task<TeamDto> CreateTeamAsync(Guid tenantId, CreateTeamRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<TeamDto>($"api/tenants/{tenantId}/teams", request, cancellationToken);

    public Task<IReadOnlyList<KeyDto>> GetKeysAsync(Guid tenantId, Guid? teamId, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<KeyDto>>(
            teamId is { } team ? $"api/tenants/{tenantId}/keys?teamId={team}" : $"api/tenants/{tenantId}/keys",
            cancellationToken);

    public Task<CreatedKeyDto> CreateKeyAsync(Guid tenantId, CreateKeyRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<CreatedKeyDto>($"api/tenants/{tenantId}/keys", request, cancellationToken);

    public Task<KeyDto> UpdateKeyAsync(Guid tenantId, Guid keyId, UpdateKeyRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<KeyDto>(HttpMethod.Patch, $"api/tenants/{tenantId}/keys/{keyId}", request, cancellationToken);

    public Task<KeyDto> RevokeKeyAsync(Guid tenantId, Guid keyId, CancellationToken cancellationToken = default) =>
        PostAsync<KeyDto>($"api/tenants/{tenantId}/keys/{keyId}/revoke", null, cancellationToken);

    public Task<CreatedKeyDto> RotateKeyAsync(Guid tenantId, Guid keyId, int? graceSeconds, CancellationToken cancellationToken = default) =>
        PostAsync<CreatedKeyDto>($"api/tenants/{tenantId}/keys/{keyId}/rotate", new RotateKeyRequest(graceSeconds), cancellationToken);

    public Task<IReadOnlyList<KeyDto>> GetExpiringKeysAsync(Guid tenantId, int days, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<KeyDto>>($"api/tenants/{tenantId}/keys?expiringWithinDays={days}", cancellationToken);

    public Task<IReadOnlyList<RouteDto>> GetRoutesAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<RouteDto>>($"api/tenants/{tenantId}/routes", cancellationToken);

    public Task<RouteDto> CreateRouteAsync(Guid tenantId, RouteRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<RouteDto>(HttpMethod.Post, $"api/tenants/{tenantId}/routes", request, cancellationToken);

    public Task<RouteDto> UpdateRouteAsync(Guid tenantId, Guid routeId, RouteRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<RouteDto>(HttpMethod.Put, $"api/tenants/{tenantId}/routes/{routeId}", request, cancellationToken);

    public Task DeleteRouteAsync(Guid tenantId, Guid routeId, CancellationToken cancellationToken = default) =>
        DeleteAsync($"api/tenants/{tenantId}/routes/{routeId}", cancellationToken);

    public Task<IReadOnlyList<NodeStatusDto>> GetNodesAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<NodeStatusDto>>("api/nodes", cancellationToken);

    public async Task<RouteHealthDto?> GetRouteHealthAsync(Guid tenantId, Guid routeId, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetAsync<RouteHealthDto>($"api/tenants/{tenantId}/routes/{routeId}/health", cancellationToken);
        }
        catch (ControlPlaneException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public Task<IReadOnlyList<PolicyDto>> GetPoliciesAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<PolicyDto>>($"api/tenants/{tenantId}/policies", cancellationToken);

    public Task<PolicyDto> CreatePolicyAsync(Guid tenantId, PolicyRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<PolicyDto>($"api/tenants/{tenantId}/policies", request, cancellationToken);

    public Task<PolicyDto> UpdatePolicyAsync(Guid tenantId, Guid policyId, PolicyRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<PolicyDto>(HttpMethod.Put, $"api/tenants/{tenantId}/policies/{policyId}", request, cancellationToken);

    public Task<PolicyDryRunResult> DryRunPolicyAsync(Guid tenantId, Guid policyId, PolicyDryRunRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<PolicyDryRunResult>($"api/tenants/{tenantId}/policies/{policyId}/dry-run", request, cancellationToken);

    public Task<IReadOnlyList<CredentialDto>> GetCredentialsAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<CredentialDto>>($"api/tenants/{tenantId}/credentials", cancellationToken);

    public Task<CredentialDto> CreateCredentialAsync(Guid tenantId, CreateCredentialRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<CredentialDto>($"api/tenants/{tenantId}/credentials", request, cancellationToken);

    public Task DeleteCredentialAsync(Guid tenantId, Guid credentialId, CancellationToken cancellationToken = default) =>
        DeleteAsync($"api/tenants/{tenantId}/credentials/{credentialId}", cancellationToken);

    public Task<ResolvedModelDto> ResolveModelAsync(string providerKind, string upstreamModel, CancellationToken cancellationToken = default) =>
        GetAsync<ResolvedModelDto>(
            $"api/catalog/resolve?providerKind={Uri.EscapeDataString(providerKind)}&model={Uri.EscapeDataString(upstreamModel)}",
            cancellationToken);

    public Task<IReadOnlyList<UsageRecordDto>> GetUsageAsync(Guid tenantId, Guid? keyId, int limit = 100, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<UsageRecordDto>>(
            keyId is { } key
                ? $"api/tenants/{tenantId}/usage?keyId={key}&limit={limit}"
                : $"api/tenants/{tenantId}/usage?limit={limit}",
            cancellationToken);

    public Task<IReadOnlyList<UsageKeyTotalsDto>> GetUsageByKeyAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<UsageKeyTotalsDto>>($"api/tenants/{tenantId}/usage/by-key", cancellationToken);

    public Task<SpendDto> GetSpendAsync(Guid tenantId, DateTimeOffset from, DateTimeOffset to, string groupBy, CancellationToken cancellationToken = default) =>
        GetAsync<SpendDto>(
            $"api/tenants/{tenantId}/spend?from={Uri.EscapeDataString(from.UtcDateTime.ToString("O"))}&to={Uri.EscapeDataString(to.UtcDateTime.ToString("O"))}"
            + $"&groupBy={Uri.EscapeDataString(groupBy)}",
            cancellationToken);

    public Task<AnalyticsDto> GetAnalyticsAsync(
        Guid tenantId, DateTimeOffset from, DateTimeOffset to, string interval, string? groupBy, CancellationToken cancellationToken = default) =>
        GetAsync<AnalyticsDto>(
            $"api/tenants/{tenantId}/analytics?from={Uri.EscapeDataString(from.UtcDateTime.ToString("O"))}&to={Uri.EscapeDataString(to.UtcDateTime.ToString("O"))}"
            + $"&interval={Uri.EscapeDataString(interval)}" + (groupBy is null ? "" : $"&groupBy={Uri.EscapeDataString(groupBy)}"),
            cancellationToken);

    public Task<IReadOnlyList<BudgetStatusDto>> GetBudgetsAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<BudgetStatusDto>>($"api/tenants/{tenantId}/budgets", cancellationToken);

    public Task<IReadOnlyList<BudgetAlertDto>> GetBudgetAlertsAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<BudgetAlertDto>>($"api/tenants/{tenantId}/budgets/alerts", cancellationToken);

    public Task<PlatformBillingDto> GetPlatformBillingAsync(CancellationToken cancellationToken = default) =>
        GetAsync<PlatformBillingDto>("api/platform/billing", cancellationToken);

    public Task<TenantBillingDto> GetTenantBillingAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        GetAsync<TenantBillingDto>($"api/tenants/{tenantId}/billing", cancellationToken);

    public Task<BillingLinkDto> LinkTenantToStripeAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        PostAsync<BillingLinkDto>($"api/platform/billing/tenants/{tenantId}/link", null, cancellationToken);

    public Task<FailedPaymentRuleDto> UpdateFailedPaymentRuleAsync(FailedPaymentRuleDto rule, CancellationToken cancellationToken = default) =>
        SendAsync<FailedPaymentRuleDto>(HttpMethod.Put, "api/platform/billing/failed-payment-rule", rule, cancellationToken);

    public Task<TeamDto> UpdateTeamAsync(Guid tenantId, Guid teamId, UpdateTeamRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<TeamDto>(HttpMethod.Patch, $"api/tenants/{tenantId}/teams/{teamId}", request, cancellationToken);

    public Task<AuditRequestPage> GetAuditRequestsAsync(Guid tenantId, string query, CancellationToken cancellationToken = default) =>
        GetAsync<AuditRequestPage>($"api/tenants/{tenantId}/audit?type=requests&{query}", cancellationToken);

    public Task<AuditAdminPage> GetAuditActionsAsync(Guid tenantId, string query, CancellationToken cancellationToken = default) =>
        GetAsync<AuditAdminPage>($"api/tenants/{tenantId}/audit?type=admin&{query}", cancellationToken);

    public Task<AuditRequestDetailDto> GetAuditEntryAsync(Guid tenantId, Guid entryId, CancellationToken cancellationToken = default) =>
        GetAsync<AuditRequestDetailDto>($"api/tenants/{tenantId}/audit/{entryId}", cancellationToken);

    public Task<AuditVerificationDto> VerifyAuditAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        GetAsync<AuditVerificationDto>($"api/tenants/{tenantId}/audit/verify", cancellationToken);

    public Task<ChargebackDto> GetChargebackAsync(
        Guid tenantId, DateTimeOffset from, DateTimeOffset to, string groupBy, bool byDay = false, CancellationToken cancellationToken = default) =>
        GetAsync<ChargebackDto>(ChargebackPath(tenantId, from, to, groupBy) + (byDay ? "&series=day" : ""), cancellationToken);

    public Task<IReadOnlyList<ChargebackStatementSummaryDto>> GetChargebackStatementsAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<ChargebackStatementSummaryDto>>($"api/tenants/{tenantId}/chargeback/statements", cancellationToken);

    public Task<ChargebackStatementDto> GetChargebackStatementAsync(Guid tenantId, Guid statementId, CancellationToken cancellationToken = default) =>
        GetAsync<ChargebackStatementDto>($"api/tenants/{tenantId}/chargeback/statements/{statementId}", cancellationToken);

    public Task<ChargebackLineRequestsDto> GetChargebackLineRequestsAsync(
        Guid tenantId, Guid statementId, Guid lineId, int page, int pageSize, CancellationToken cancellationToken = default) =>
        GetAsync<ChargebackLineRequestsDto>(
            $"api/tenants/{tenantId}/chargeback/statements/{statementId}/lines/{lineId}/requests?page={page}&pageSize={pageSize}", cancellationToken);

    private static string ChargebackPath(Guid tenantId, DateTimeOffset from, DateTimeOffset to, string groupBy) =>
        $"api/tenants/{tenantId}/chargeback?from={Uri.EscapeDataString(from.UtcDateTime.ToString("O"))}&to={Uri.EscapeDataString(to.UtcDateTime.ToString("O"))}"
        + $"&groupBy={Uri.EscapeDataString(groupBy)}";

    public Task DeleteTeamAsync(Guid tenantId, Guid teamId, CancellationToken cancellationToken = default) =>
        DeleteAsync($"api/tenants/{tenantId}/teams/{teamId}", cancellationToken);

    public Task<IReadOnlyList<TeamMemberDto>> GetTeamMembersAsync(Guid tenantId, Guid teamId, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<TeamMemberDto>>($"api/tenants/{tenantId}/teams/{teamId}/members", cancellationToken);

    public Task<TeamMemberDto> SetTeamMemberAsync(Guid tenantId, Guid teamId, Guid memberId, TeamRole role, CancellationToken cancellationToken = default) =>
        SendAsync<TeamMemberDto>(HttpMethod.Put, $"api/tenants/{tenantId}/teams/{teamId}/members/{memberId}", new SetTeamMemberRequest(role), cancellationToken);

    public Task RemoveTeamMemberAsync(Guid tenantId, Guid teamId, Guid memberId, CancellationToken cancellationToken = default) =>
        DeleteAsync($"api/tenants/{tenantId}/teams/{teamId}/members/{memberId}", cancellationToken);

    public Task<IReadOnlyList<MemberDto>> GetMembersAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<MemberDto>>($"api/tenants/{tenantId}/members", cancellationToken);

    public Task<MemberDto> CreateMemberAsync(Guid tenantId, CreateMemberRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<MemberDto>($"api/tenants/{tenantId}/members", request, cancellationToken);

    public Task<MemberDto> UpdateMemberAsync(Guid tenantId, Guid memberId, UpdateMemberRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<MemberDto>(HttpMethod.Patch, $"api/tenants/{tenantId}/members/{memberId}", request, cancellationToken);

    public Task DeleteMemberAsync(Guid tenantId, Guid memberId, CancellationToken cancellationToken = default) =>
        DeleteAsync($"api/tenants/{tenantId}/members/{memberId}", cancellationToken);

    public Task<ScimSettingsDto> GetScimSettingsAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        GetAsync<ScimSettingsDto>($"api/tenants/{tenantId}/scim", cancellationToken);

    public Task<CreatedScimTokenDto> CreateScimTokenAsync(Guid tenantId, CreateScimTokenRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<CreatedScimTokenDto>($"api/tenants/{tenantId}/scim/tokens", request, cancellationToken);

    public Task<ScimTokenDto> RevokeScimTokenAsync(Guid tenantId, Guid tokenId, CancellationToken cancellationToken = default) =>
        SendAsync<ScimTokenDto>(HttpMethod.Delete, $"api/tenants/{tenantId}/scim/tokens/{tokenId}", null, cancellationToken);
    public Task<IReadOnlyList<TenantDto>> GetTenantsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<TenantDto>>("api/tenants", cancellationToken);

    public Task<TenantDto> CreateTenantAsync(CreateTenantRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<TenantDto>("api/tenants", request, cancellationToken);

    public Task<IReadOnlyList<AdminKeyDto>> GetAdminKeysAsync(Guid? tenantId, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<AdminKeyDto>>(AdminKeysPath(tenantId), cancellationToken);

    public Task<CreatedAdminKeyDto> CreateAdminKeyAsync(Guid? tenantId, CreateAdminKeyRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<CreatedAdminKeyDto>(AdminKeysPath(tenantId), request, cancellationToken);

    public Task<AdminKeyDto> RevokeAdminKeyAsync(Guid? tenantId, Guid keyId, CancellationToken cancellationToken = default) =>
        SendAsync<AdminKeyDto>(HttpMethod.Delete, $"{AdminKeysPath(tenantId)}/{keyId}", null, cancellationToken);

    public Task<IReadOnlyList<UsageRecordDto>> GetUsagePageAsync(Guid tenantId, UsageQuery query, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<UsageRecordDto>>($"api/tenants/{tenantId}/usage?{query.ToQueryString()}", cancellationToken);

    private static string AdminKeysPath(Guid? tenantId) => tenantId is { } tenant ? $"api/tenants/{tenant}/admin-keys" : "api/admin-keys";

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, path);
        await AuthorizeAsync(message);
        return await SendAsync<T>(message, cancellationToken);
    }

    private Task<T> PostAsync<T>(string path, object? body, CancellationToken cancellationToken) =>
        SendAsync<T>(HttpMethod.Post, path, body, cancellationToken);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            message.Content = JsonContent.Create(body, body.GetType(), options: SwitchyardJson.Options);
        }

        await AuthorizeAsync(message);
        return await SendAsync<T>(message, cancellationToken);
    }

    /// <summary>A DELETE answered with 204 (no body to read).</summary>
    private async Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Delete, path);
        await AuthorizeAsync(message);
        using var response = await SendRawAsync(message, isLogin: false, cancellationToken);
    }

    private async Task AuthorizeAsync(HttpRequestMessage message)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        var token = state.User.FindFirst(PortalClaims.ApiToken)?.Value;
        if (string.IsNullOrEmpty(token))
        {
            throw new ControlPlaneException(HttpStatusCode.Unauthorized, ProblemMessages.SessionExpired);
        }

        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    private async Task<T> SendAsync<T>(HttpRequestMessage message, CancellationToken cancellationToken, bool isLogin = false)
    {
        using (var response = await SendRawAsync(message, isLogin, cancellationToken))
        {
            try
            {
                return await response.Content.ReadFromJsonAsync<T>(SwitchyardJson.Options, cancellationToken)
                    ?? throw new ControlPlaneException(response.StatusCode, ProblemMessages.EmptyResponse);
            }
            catch (System.Text.Json.JsonException ex)
            {
                throw new ControlPlaneException(response.StatusCode, ProblemMessages.EmptyResponse, ex);
            }
        }
    }

    /// <summary>Sends the request; a failure (unreachable, timeout, error status) throws <see cref="ControlPlaneException"/>.</summary>
    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage message, bool isLogin, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(message, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new ControlPlaneException(null, ProblemMessages.Unreachable, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ControlPlaneException(null, ProblemMessages.TimedOut, ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ProblemMessages.ReadAsync(response, isLogin, cancellationToken);
        }
    }
}
