using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.ControlPlane.Features.Members;
using Switchyard.ControlPlane.Features.Teams;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Xunit;

namespace Switchyard.Testing.Scim;

/// <summary>
/// Talks SCIM to a running control plane as an identity provider does (bearer token, <c>application/scim+json</c>), and
/// reaches what a SCIM-provisioned member does through the admin API: a session and personal keys.
/// </summary>
public sealed class ScimHarness(Func<string?, HttpClient> client, HttpClient admin, IServiceProvider services, Guid tenantId, string token)
{
    public const string MemberPassword = "scim-member-password-1";

    public Guid TenantId { get; } = tenantId;
    public HttpClient Admin { get; } = admin;
    public HttpClient Scim { get; } = client(token);

    /// <summary>A new SCIM token of the tenant, created through the admin API as a tenant admin would.</summary>
    public static async Task<string> CreateTokenAsync(HttpClient admin, Guid tenantId, string name = "Entra ID")
    {
        var response = await admin.PostAsJsonAsync($"/api/tenants/{tenantId}/scim/tokens", new CreateScimTokenRequest(name), SwitchyardJson.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CreatedScimTokenDto>(SwitchyardJson.Options))!.Secret;
    }

    public Task<ScimResponse> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<ScimResponse> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null);

    public Task<ScimResponse> SendAsync(HttpMethod method, string path, string? json) => SendAsync(Scim, method, path, json);

    public static async Task<ScimResponse> SendAsync(HttpClient http, HttpMethod method, string path, string? json)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/scim+json"));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/scim+json");
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject;
        if (body is not null)
        {
            Assert.Equal("application/scim+json", response.Content.Headers.ContentType?.MediaType);
        }

        return new ScimResponse(response.StatusCode, body, text);
    }

    /// <summary>
    /// Signs the member in with a password (SCIM members have none; single sign-on would give them a session the same
    /// way) and returns a client carrying their bearer token.
    /// </summary>
    public async Task<HttpClient> SignInAsync(Guid memberId, string email)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
            var member = await users.FindByIdAsync(memberId.ToString());
            Assert.NotNull(member);
            Assert.True((await users.AddPasswordAsync(member, MemberPassword)).Succeeded);
        }

        var login = await client(null).PostAsJsonAsync("/api/auth/login", new LoginRequest(email, MemberPassword), SwitchyardJson.Options);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return client((await login.Content.ReadFromJsonAsync<LoginResponse>(SwitchyardJson.Options))!.AccessToken);
    }

    /// <summary>
    /// Saves a team straight through the DbContext, past the admin API's and SCIM's checks: what the database itself
    /// accepts. Returns the save's failure, or null when the team was saved.
    /// </summary>
    public async Task<DbUpdateException?> SaveTeamDirectlyAsync(string name)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ControlPlaneDbContext>();
        db.Teams.Add(new Team { Id = Guid.CreateVersion7(), TenantId = TenantId, Name = name, CreatedAt = DateTimeOffset.UtcNow });
        try
        {
            await db.SaveChangesAsync();
            return null;
        }
        catch (DbUpdateException ex)
        {
            return ex;
        }
    }

    /// <summary>A personal key the signed-in member creates in their team.</summary>
    public async Task<KeyDto> CreatePersonalKeyAsync(HttpClient member, Guid teamId)
    {
        var response = await member.PostAsJsonAsync($"/api/tenants/{TenantId}/keys", new CreateKeyRequest(teamId, "mine", Personal: true), SwitchyardJson.Options);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<CreatedKeyDto>(SwitchyardJson.Options))!.Key;
    }

    public async Task<KeyDto> KeyAsync(Guid keyId) =>
        (await Admin.GetFromJsonAsync<KeyDto>($"/api/tenants/{TenantId}/keys/{keyId}", SwitchyardJson.Options))!;
}
