using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchyard.Portal.Downloads;
using Switchyard.Portal.Services;

namespace Switchyard.Portal.Tests.Downloads;

/// <summary>The portal's download endpoint over real HTTP: a fake admin API behind it, a signed-in member in front.</summary>
public sealed class PortalDownloadEndpointsTests : IAsyncLifetime
{
    private static readonly Guid Tenant = Guid.Parse("33333333-3333-3333-3333-333333333333");
    private readonly TaskCompletionSource _firstChunkRead = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(string PathAndQuery, string? Authorization)> _apiCalls = [];
    private WebApplication _api = null!;
    private WebApplication _portal = null!;
    private HttpClient _browser = null!;
    private int _apiStatus = StatusCodes.Status200OK;

    public async Task InitializeAsync()
    {
        _api = Start(WebApplication.CreateSlimBuilder());
        _api.MapGet("/api/tenants/{tenantId}/{**rest}", async (HttpContext context) =>
        {
            _apiCalls.Add((context.Request.Path + context.Request.QueryString, context.Request.Headers.Authorization.ToString()));
            context.Response.StatusCode = _apiStatus;
            if (_apiStatus != StatusCodes.Status200OK)
            {
                context.Response.ContentType = "application/problem+json";
                await context.Response.WriteAsync("""{"title":"Forbidden","status":403}""");
                return;
            }

            context.Response.ContentType = "text/csv; charset=utf-8";
            context.Response.Headers.ContentDisposition = "attachment; filename=\"chargeback-team.csv\"";
            await context.Response.WriteAsync("kind,key,costMicros\nline,Search,1500\n");
            await context.Response.Body.FlushAsync();
            // The rest is written only once the browser has read the first rows: the portal must pass them on as they come.
            await _firstChunkRead.Task.WaitAsync(TimeSpan.FromMinutes(1));
            await context.Response.WriteAsync("total,,1500\n");
        });
        await _api.StartAsync();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddAuthentication(PortalClaims.Scheme).AddScheme<AuthenticationSchemeOptions, HeaderSignIn>(PortalClaims.Scheme, null);
        builder.Services.AddAuthorization();
        builder.Services.AddHttpClient(ControlPlaneClient.HttpClientName, http => http.BaseAddress = new Uri(Address(_api) + "/"));
        _portal = Start(builder);
        _portal.UseAuthentication();
        _portal.UseAuthorization();
        _portal.MapPortalDownloads();
        await _portal.StartAsync();
        _browser = new HttpClient { BaseAddress = new Uri(Address(_portal)) };
    }

    public async Task DisposeAsync()
    {
        _firstChunkRead.TrySetResult();
        _browser.Dispose();
        await _portal.DisposeAsync();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task Download_Chargeback_StreamsTheApisAnswerWithTheMembersTokenAndTenant()
    {
        using var request = SignedIn(HttpMethod.Get, "/downloads/chargeback?from=2026-02-01T00%3A00%3A00Z&to=2026-03-01T00%3A00%3A00Z&groupBy=team&format=csv");

        using var response = await _browser.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var reader = new StreamReader(body, Encoding.UTF8);
        var header = await reader.ReadLineAsync();
        var first = await reader.ReadLineAsync();
        _firstChunkRead.SetResult();
        var rest = await reader.ReadToEndAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("chargeback-team.csv", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        Assert.Equal(("kind,key,costMicros", "line,Search,1500", "total,,1500\n"), (header, first, rest));
        var call = Assert.Single(_apiCalls);
        Assert.Equal($"/api/tenants/{Tenant}/chargeback?from=2026-02-01T00%3A00%3A00Z&to=2026-03-01T00%3A00%3A00Z&groupBy=team&format=csv", call.PathAndQuery);
        Assert.Equal("Bearer member-token", call.Authorization);
    }

    [Fact]
    public async Task Download_Audit_AsksTheAuditExportOfTheMembersTenant()
    {
        _firstChunkRead.SetResult();
        using var request = SignedIn(HttpMethod.Get, "/downloads/audit?type=admin&format=csv&action=keys.create");

        using var response = await _browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"/api/tenants/{Tenant}/audit/export?type=admin&format=csv&action=keys.create", Assert.Single(_apiCalls).PathAndQuery);
    }

    [Fact]
    public async Task Download_ApiRefuses_PassesTheStatusOn()
    {
        _apiStatus = StatusCodes.Status403Forbidden;
        using var request = SignedIn(HttpMethod.Get, "/downloads/chargeback?format=csv");

        using var response = await _browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Download_UnknownExport_NotFoundWithoutCallingTheApi()
    {
        using var request = SignedIn(HttpMethod.Get, "/downloads/keys");

        using var response = await _browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(_apiCalls);
    }

    [Fact]
    public async Task Download_NotSignedIn_Unauthorized()
    {
        using var response = await _browser.GetAsync("/downloads/chargeback?format=csv");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_apiCalls);
    }

    private static HttpRequestMessage SignedIn(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add(HeaderSignIn.Header, "yes");
        return request;
    }

    private static WebApplication Start(WebApplicationBuilder builder)
    {
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        return builder.Build();
    }

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    /// <summary>Stands in for the portal's cookie: a request with the header is the signed-in finance member.</summary>
    private sealed class HeaderSignIn(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string Header = "X-Test-Signed-In";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.ContainsKey(Header))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var principal = PortalUser.CreatePrincipal(new Switchyard.Shared.Admin.LoginResponse(
                "member-token", DateTimeOffset.UtcNow.AddHours(1),
                new Switchyard.Shared.Admin.CurrentUserDto(Guid.NewGuid(), "fin@acme.test", Tenant, "Acme", Switchyard.Shared.Admin.MemberRole.Finance)));
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
        }
    }
}
