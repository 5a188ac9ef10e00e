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

    public async Task<LoginResponse> LoginAsync(LoginRequest request, CancellationToken cancellationToken = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "api/auth/login")
        {
            Content = JsonContent.Create(request, options: SwitchyardJson.Options),
        };
        message.Options.Set(ForwardClientAddressHandler.Forward, true);
        return await SendAsync<LoginResponse>(message, cancellationToken, isLogin: true);
    }

    public Task<CurrentUserDto> GetMeAsync(CancellationToken cancellationToken = default) =>
        GetAsync<CurrentUserDto>("api/me", cancellationToken);

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

    public Task<KeyDto> RevokeKeyAsync(Guid tenantId, Guid keyId, CancellationToken cancellationToken = default) =>
        PostAsync<KeyDto>($"api/tenants/{tenantId}/keys/{keyId}/revoke", null, cancellationToken);

    public Task<IReadOnlyList<RouteDto>> GetRoutesAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<RouteDto>>($"api/tenants/{tenantId}/routes", cancellationToken);

    public Task<IReadOnlyList<UsageRecordDto>> GetUsageAsync(Guid tenantId, Guid? keyId, int limit = 100, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<UsageRecordDto>>(
            keyId is { } key
                ? $"api/tenants/{tenantId}/usage?keyId={key}&limit={limit}"
                : $"api/tenants/{tenantId}/usage?limit={limit}",
            cancellationToken);

    public Task<IReadOnlyList<UsageKeyTotalsDto>> GetUsageByKeyAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<UsageKeyTotalsDto>>($"api/tenants/{tenantId}/usage/by-key", cancellationToken);

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, path);
        await AuthorizeAsync(message);
        return await SendAsync<T>(message, cancellationToken);
    }

    private async Task<T> PostAsync<T>(string path, object? body, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null)
        {
            message.Content = JsonContent.Create(body, body.GetType(), options: SwitchyardJson.Options);
        }

        await AuthorizeAsync(message);
        return await SendAsync<T>(message, cancellationToken);
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

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new ControlPlaneException(
                    response.StatusCode,
                    await ProblemMessages.ReadAsync(response, isLogin, cancellationToken));
            }

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
}
