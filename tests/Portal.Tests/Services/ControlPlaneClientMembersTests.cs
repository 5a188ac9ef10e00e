using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Components.Authorization;
using Switchyard.Portal.Services;
using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Tests.Services;

/// <summary>The member and team-member calls of <see cref="ControlPlaneClient"/> on the wire.</summary>
public sealed class ControlPlaneClientMembersTests
{
    private static readonly Guid Tenant = Guid.Parse("22222222-2222-2222-2222-222222222222");

    [Fact]
    public async Task SetTeamMemberAsync_TeamAdmin_PutsKebabCaseRoleToTheMember()
    {
        var team = Guid.NewGuid();
        var member = Guid.NewGuid();
        var handler = new StubHandler(HttpStatusCode.OK,
            $$"""{"memberId":"{{member}}","email":"al@acme.test","tenantRole":"Developer","role":"team-admin","addedAt":"2026-03-01T12:00:00Z"}""");

        var saved = await Create(handler).SetTeamMemberAsync(Tenant, team, member, TeamRole.TeamAdmin);

        Assert.Equal(HttpMethod.Put, handler.Request!.Method);
        Assert.Equal($"http://cp.test/base/api/tenants/{Tenant}/teams/{team}/members/{member}", handler.Request.RequestUri!.ToString());
        Assert.Equal("""{"role":"team-admin"}""", handler.Body);
        Assert.Equal(TeamRole.TeamAdmin, saved.Role);
    }

    [Fact]
    public async Task RemoveTeamMemberAsync_NoContent_SendsDelete()
    {
        var handler = new StubHandler(HttpStatusCode.NoContent, "");
        var team = Guid.NewGuid();
        var member = Guid.NewGuid();

        await Create(handler).RemoveTeamMemberAsync(Tenant, team, member);

        Assert.Equal(HttpMethod.Delete, handler.Request!.Method);
        Assert.Equal($"http://cp.test/base/api/tenants/{Tenant}/teams/{team}/members/{member}", handler.Request.RequestUri!.ToString());
    }

    [Fact]
    public async Task DeleteTeamAsync_Conflict_ThrowsTheServersDetail()
    {
        var body = """{"title":"Conflict","status":409,"detail":"The team still has 1 active key(s); revoke them first."}""";
        var handler = new StubHandler(HttpStatusCode.Conflict, body);
        var team = Guid.NewGuid();

        var ex = await Assert.ThrowsAsync<ControlPlaneException>(() => Create(handler).DeleteTeamAsync(Tenant, team));

        Assert.Equal(HttpMethod.Delete, handler.Request!.Method);
        Assert.Equal($"http://cp.test/base/api/tenants/{Tenant}/teams/{team}", handler.Request.RequestUri!.ToString());
        Assert.Equal("The team still has 1 active key(s); revoke them first.", ex.Message);
    }

    [Fact]
    public async Task UpdateMemberAsync_Deactivate_PatchesActiveFalse()
    {
        var member = Guid.NewGuid();
        var handler = new StubHandler(HttpStatusCode.OK,
            $$"""{"id":"{{member}}","tenantId":"{{Tenant}}","email":"al@acme.test","role":"Developer","teams":[],"active":false}""");

        var saved = await Create(handler).UpdateMemberAsync(Tenant, member, new UpdateMemberRequest(null, false));

        Assert.Equal(HttpMethod.Patch, handler.Request!.Method);
        Assert.Equal($"http://cp.test/base/api/tenants/{Tenant}/members/{member}", handler.Request.RequestUri!.ToString());
        Assert.Contains("\"active\":false", handler.Body);
        Assert.False(saved.Active);
    }

    [Fact]
    public async Task CreateMemberAsync_Created_PostsEmailPasswordAndRole()
    {
        var handler = new StubHandler(HttpStatusCode.Created,
            $$"""{"id":"{{Guid.NewGuid()}}","tenantId":"{{Tenant}}","email":"new@acme.test","role":"Finance","teams":[],"active":true}""");

        var created = await Create(handler).CreateMemberAsync(Tenant, new CreateMemberRequest("new@acme.test", "correct-horse-battery", MemberRole.Finance));

        Assert.Equal(HttpMethod.Post, handler.Request!.Method);
        Assert.Equal($"http://cp.test/base/api/tenants/{Tenant}/members", handler.Request.RequestUri!.ToString());
        Assert.Contains("\"role\":\"Finance\"", handler.Body);
        Assert.Equal("new@acme.test", created.Email);
    }

    private static ControlPlaneClient Create(StubHandler handler) =>
        new(new HttpClient(handler) { BaseAddress = new Uri("http://cp.test/base/") }, new FixedAuthenticationState());

    private sealed class FixedAuthenticationState : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
            Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity([new Claim(PortalClaims.ApiToken, "t")], "test"))));
    }

    private sealed class StubHandler(HttpStatusCode status, string body) : HttpMessageHandler
    {
        public HttpRequestMessage? Request { get; private set; }

        public string? Body { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Request = request;
            Body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        }
    }
}
