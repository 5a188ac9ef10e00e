using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Components.Authorization;
using Switchyard.Portal.Services;
using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Tests.Services;

public sealed class ControlPlaneClientTests
{
    private static readonly Guid Tenant = Guid.Parse("22222222-2222-2222-2222-222222222222");

    [Fact]
    public async Task GetKeysAsync_SignedIn_SendsBearerTokenAndTeamFilter()
    {
        var handler = new StubHandler(HttpStatusCode.OK, "[]");
        var client = Create(handler, token: "abc123");
        var team = Guid.NewGuid();

        await client.GetKeysAsync(Tenant, team);

        Assert.Equal("Bearer", handler.Request!.Headers.Authorization!.Scheme);
        Assert.Equal("abc123", handler.Request.Headers.Authorization.Parameter);
        Assert.Equal($"http://cp.test/base/api/tenants/{Tenant}/keys?teamId={team}", handler.Request.RequestUri!.ToString());
    }

    [Fact]
    public async Task LoginAsync_Ok_ParsesResponseWithStringEnums()
    {
        var json = $$$"""
            {"accessToken":"t","expiresAt":"2026-03-01T12:00:00+00:00",
             "user":{"id":"{{{Guid.Empty}}}","email":"a@b.test","tenantId":"{{{Tenant}}}","tenantName":"Acme","role":"TenantAdmin"}}
            """;
        var handler = new StubHandler(HttpStatusCode.OK, json);

        var login = await Create(handler, token: null).LoginAsync(new LoginRequest("a@b.test", "pw"));

        Assert.Equal(MemberRole.TenantAdmin, login.Session!.User.Role);
        Assert.Null(handler.Request!.Headers.Authorization);
        Assert.Contains("\"email\":\"a@b.test\"", handler.Body);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, "Wrong email or password.")]
    [InlineData((HttpStatusCode)423, "Account locked after repeated failed sign-ins; try again later.")]
    public async Task LoginAsync_Rejected_ThrowsUserMessage(HttpStatusCode status, string message)
    {
        var client = Create(new StubHandler(status, """{"title":"Unauthorized"}"""), token: null);

        var ex = await Assert.ThrowsAsync<ControlPlaneException>(() => client.LoginAsync(new LoginRequest("a@b.test", "pw")));

        Assert.Equal(message, ex.Message);
        Assert.Equal(status, ex.StatusCode);
    }

    [Fact]
    public async Task CreateTeamAsync_ValidationProblem_MessageIncludesFieldErrors()
    {
        var problem = """{"title":"One or more validation errors occurred.","status":400,"errors":{"Name":["Name is required."]}}""";
        var client = Create(new StubHandler(HttpStatusCode.BadRequest, problem), token: "t");

        var ex = await Assert.ThrowsAsync<ControlPlaneException>(() => client.CreateTeamAsync(Tenant, new CreateTeamRequest("")));

        Assert.Contains("Name is required.", ex.Message);
    }

    [Fact]
    public async Task RevokeKeyAsync_ProblemDetail_UsesDetail()
    {
        var client = Create(new StubHandler(HttpStatusCode.Conflict, """{"title":"Conflict","detail":"The key is already revoked."}"""), token: "t");

        var ex = await Assert.ThrowsAsync<ControlPlaneException>(() => client.RevokeKeyAsync(Tenant, Guid.NewGuid()));

        Assert.Equal("The key is already revoked.", ex.Message);
    }

    [Fact]
    public async Task CreateRouteAsync_ValidationProblem_ExposesEachFieldsMessages()
    {
        var problem = """
            {"title":"One or more fields are invalid.","status":400,
             "errors":{"deployments[1].baseUrl":["The baseUrl field is invalid."],"retry.maxAttempts":["Too many.","Really."]}}
            """;
        var client = Create(new StubHandler(HttpStatusCode.BadRequest, problem), token: "t");

        var ex = await Assert.ThrowsAsync<ControlPlaneException>(() => client.CreateRouteAsync(Tenant, new RouteRequest("m", [])));

        Assert.Equal(["The baseUrl field is invalid."], ex.FieldErrors["deployments[1].baseUrl"]);
        Assert.Equal(["Too many.", "Really."], ex.FieldErrors["retry.maxAttempts"]);
        Assert.Contains("The baseUrl field is invalid.", ex.Message);
    }

    [Fact]
    public async Task UpdateRouteAsync_Ok_PutsCamelCaseBodyToTheRoute()
    {
        var route = Guid.NewGuid();
        var json = $$"""{"id":"{{route}}","tenantId":"{{Tenant}}","publicModel":"m","strategy":"cost","deployments":[]}""";
        var handler = new StubHandler(HttpStatusCode.OK, json);

        var saved = await Create(handler, token: "t").UpdateRouteAsync(Tenant, route, new RouteRequest("m", [], "cost", Fallbacks: ["b"]));

        Assert.Equal(HttpMethod.Put, handler.Request!.Method);
        Assert.Equal($"http://cp.test/base/api/tenants/{Tenant}/routes/{route}", handler.Request.RequestUri!.ToString());
        Assert.Contains("\"fallbacks\":[\"b\"]", handler.Body);
        Assert.Equal("cost", saved.Strategy);
    }

    [Fact]
    public async Task GetRouteHealthAsync_NotFound_ReturnsNull()
    {
        var client = Create(new StubHandler(HttpStatusCode.NotFound, """{"title":"Not Found"}"""), token: "t");

        Assert.Null(await client.GetRouteHealthAsync(Tenant, Guid.NewGuid()));
    }

    [Fact]
    public async Task DeleteCredentialAsync_NoContent_SendsDelete()
    {
        var handler = new StubHandler(HttpStatusCode.NoContent, "");
        var id = Guid.NewGuid();

        await Create(handler, token: "t").DeleteCredentialAsync(Tenant, id);

        Assert.Equal(HttpMethod.Delete, handler.Request!.Method);
        Assert.Equal($"http://cp.test/base/api/tenants/{Tenant}/credentials/{id}", handler.Request.RequestUri!.ToString());
    }

    [Fact]
    public async Task DeleteRouteAsync_Conflict_ThrowsTheServersDetail()
    {
        var body = """{"title":"Conflict","status":409,"detail":"The route is a fallback of 'gpt-4o'."}""";
        var client = Create(new StubHandler(HttpStatusCode.Conflict, body), token: "t");

        var ex = await Assert.ThrowsAsync<ControlPlaneException>(() => client.DeleteRouteAsync(Tenant, Guid.NewGuid()));

        Assert.Equal(HttpStatusCode.Conflict, ex.StatusCode);
        Assert.Equal("The route is a fallback of 'gpt-4o'.", ex.Message);
    }

    [Fact]
    public async Task GetTeamsAsync_Unreachable_ThrowsFriendlyMessage()
    {
        var client = Create(new StubHandler(new HttpRequestException("connection refused")), token: "t");

        var ex = await Assert.ThrowsAsync<ControlPlaneException>(() => client.GetTeamsAsync(Tenant));

        Assert.Null(ex.StatusCode);
        Assert.Contains("could not be reached", ex.Message);
    }

    [Fact]
    public async Task GetTeamsAsync_NoTokenClaim_ThrowsSessionExpiredWithoutCalling()
    {
        var handler = new StubHandler(HttpStatusCode.OK, "[]");

        var ex = await Assert.ThrowsAsync<ControlPlaneException>(() => Create(handler, token: null).GetTeamsAsync(Tenant));

        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Null(handler.Request);
    }

    private static ControlPlaneClient Create(StubHandler handler, string? token) =>
        new(new HttpClient(handler) { BaseAddress = new Uri("http://cp.test/base/") }, new FixedAuthenticationState(token));

    private sealed class FixedAuthenticationState(string? token) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync()
        {
            var claims = token is null ? Array.Empty<Claim>() : [new Claim(PortalClaims.ApiToken, token)];
            return Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity(claims, "test"))));
        }
    }

    private sealed class StubHandler : HttpMessageHandler
    {
        private readonly HttpStatusCode _status;
        private readonly string _body = string.Empty;
        private readonly Exception? _failure;

        public StubHandler(HttpStatusCode status, string body) => (_status, _body) = (status, body);

        public StubHandler(Exception failure) => _failure = failure;

        public HttpRequestMessage? Request { get; private set; }

        public string? Body { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Request = request;
            Body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            if (_failure is not null)
            {
                throw _failure;
            }

            return new HttpResponseMessage(_status) { Content = new StringContent(_body, Encoding.UTF8, "application/json") };
        }
    }
}
