using System.Net.Http.Headers;
using System.Net.Http.Json;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.EndToEndTests.Infrastructure;

/// <summary>The admin REST API as a script would call it, with a platform admin API key.</summary>
public sealed class AdminApi : IDisposable
{
    private readonly HttpClient _http;

    public AdminApi(string baseUrl, string adminKey)
    {
        _http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
    }

    /// <summary>A platform admin key in the format the control plane accepts for SWITCHYARD_ADMIN_KEY.</summary>
    public static string NewAdminKey() => "sk-sya-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    public Task<TenantDto> CreateTenantAsync(string name) => PostAsync<TenantDto>("/api/tenants", new CreateTenantRequest(name));

    public Task<TeamDto> CreateTeamAsync(Guid tenantId, string name) =>
        PostAsync<TeamDto>($"/api/tenants/{tenantId}/teams", new CreateTeamRequest(name));

    public Task<CredentialDto> CreateCredentialAsync(Guid tenantId, string name, string kind, string secret) =>
        PostAsync<CredentialDto>($"/api/tenants/{tenantId}/credentials", new CreateCredentialRequest(name, kind, secret));

    public Task<RouteDto> CreateRouteAsync(Guid tenantId, RouteRequest route) =>
        PostAsync<RouteDto>($"/api/tenants/{tenantId}/routes", route);

    public Task<CreatedKeyDto> CreateKeyAsync(Guid tenantId, Guid teamId, string name, IReadOnlyList<string>? models = null) =>
        PostAsync<CreatedKeyDto>($"/api/tenants/{tenantId}/keys", new CreateKeyRequest(teamId, name, models));

    public Task<KeyDto> RevokeKeyAsync(Guid tenantId, Guid keyId) =>
        PostAsync<KeyDto>($"/api/tenants/{tenantId}/keys/{keyId}/revoke", new { });

    public async Task<IReadOnlyList<UsageRecordDto>> UsageAsync(Guid tenantId, int limit = 1000) =>
        await GetAsync<List<UsageRecordDto>>($"/api/tenants/{tenantId}/usage?limit={limit}");

    public async Task<IReadOnlyList<UsageKeyTotalsDto>> UsageByKeyAsync(Guid tenantId) =>
        await GetAsync<List<UsageKeyTotalsDto>>($"/api/tenants/{tenantId}/usage/by-key");

    /// <summary>GET …/routes/{id}/health; null when it answers 404 (no report yet, or a control plane without the endpoint).</summary>
    public async Task<RouteHealthDto?> RouteHealthAsync(Guid tenantId, Guid routeId)
    {
        using var response = await _http.GetAsync($"/api/tenants/{tenantId}/routes/{routeId}/health");
        return response.StatusCode == System.Net.HttpStatusCode.NotFound ? null : await ReadAsync<RouteHealthDto>(response);
    }

    public async Task<T> GetAsync<T>(string path)
    {
        using var response = await _http.GetAsync(path);
        return await ReadAsync<T>(response);
    }

    public async Task<T> PostAsync<T>(string path, object body)
    {
        using var response = await _http.PostAsJsonAsync(path, body, SwitchyardJson.Options);
        return await ReadAsync<T>(response);
    }

    public async Task<T> PutAsync<T>(string path, object body)
    {
        using var response = await _http.PutAsJsonAsync(path, body, SwitchyardJson.Options);
        return await ReadAsync<T>(response);
    }

    /// <summary>Replaces the platform's egress allow-list (platform admins).</summary>
    public Task<EgressPolicyDto> SetEgressAllowListAsync(IReadOnlyList<string> hosts, IReadOnlyList<string> networks) =>
        PutAsync<EgressPolicyDto>("/api/platform/egress", new EgressPolicyRequest(hosts, networks));

    public void Dispose() => _http.Dispose();

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<T>(SwitchyardJson.Options))!;
    }
}
