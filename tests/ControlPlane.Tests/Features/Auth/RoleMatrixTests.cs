using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Tests.Features.Auth;

/// <summary>
/// Walks every admin endpoint the app maps (from its endpoint data sources, so new endpoint groups join by themselves) with
/// every role, and checks that the authorisation layer answers as the endpoint's declared policy says: reached (2xx), 403
/// or 404. <see cref="AuthorizationProbe"/> stops an authorised request before the handler, so no endpoint needs a valid
/// body and nothing is changed; what handlers decide from the data (team scoping of keys) is tested beside the handlers.
/// </summary>
public sealed class RoleMatrixTests
{
    private const HttpStatusCode Reached = HttpStatusCode.OK;

    /// <summary>Who may pass each declarable policy; a caller of another tenant is refused with 404 by every tenant policy.</summary>
    private static readonly Dictionary<string, (Role[] Allowed, bool TenantScoped)> Expectations = new(StringComparer.Ordinal)
    {
        [AdminPolicies.SignedIn] = (Enum.GetValues<Role>(), false),
        [AdminPolicies.PlatformAdmin] = ([Role.PlatformAdmin], false),
        [AdminPolicies.TenantMember] = ([Role.Developer, Role.TeamAdmin, Role.Finance, Role.TenantAdmin, Role.PlatformAdmin], true),
        [AdminPolicies.TenantKeyManager] = ([Role.Developer, Role.TeamAdmin, Role.TenantAdmin, Role.PlatformAdmin], true),
        [AdminPolicies.TenantAdmin] = ([Role.TenantAdmin, Role.PlatformAdmin], true),
        [AdminPolicies.TenantFinance] = ([Role.Finance, Role.TenantAdmin, Role.PlatformAdmin], true),
        [AdminPolicies.TenantAuditor] = ([Role.Auditor, Role.TenantAdmin, Role.PlatformAdmin], true),
        [AdminPolicies.TeamAdmin] = ([Role.TeamAdmin, Role.TenantAdmin, Role.PlatformAdmin], true),
    };

    public enum Role
    {
        /// <summary>A developer and plain member of the route's team.</summary>
        Developer,

        /// <summary>A developer who is team admin of the route's team.</summary>
        TeamAdmin,
        Finance,
        Auditor,
        TenantAdmin,

        /// <summary>The bootstrap platform admin key.</summary>
        PlatformAdmin,

        /// <summary>A tenant admin of another tenant.</summary>
        OtherTenant,
    }

    [Fact]
    public void Expectations_CoverEveryDeclarablePolicy() =>
        Assert.Equal(AdminPolicies.Declarable.Order(StringComparer.Ordinal), Expectations.Keys.Order(StringComparer.Ordinal));

    [Fact]
    public async Task EveryAdminEndpoint_EveryRole_AnswersAsItsPolicyDeclares()
    {
        await using var host = await ControlPlaneTestHost.StartAsync(
            new Dictionary<string, string?> { ["Auth:SignInRateLimit:PermitLimit"] = "1000" },
            services: AuthorizationProbe.Install);
        var tenant = await host.CreateTenantAsync("Acme");
        var team = await host.CreateTeamAsync(tenant.Id, "Search");
        var other = await host.CreateTenantAsync("Globex");
        var callers = new Dictionary<Role, HttpClient>
        {
            [Role.Developer] = await host.MemberClientAsync(tenant.Id, "dev@acme.test", MemberRole.Developer, teamId: team.Id),
            [Role.TeamAdmin] = await host.MemberClientAsync(tenant.Id, "lead@acme.test", MemberRole.Developer, teamId: team.Id, teamRole: TeamRole.TeamAdmin),
            [Role.Finance] = await host.MemberClientAsync(tenant.Id, "fin@acme.test", MemberRole.Finance),
            [Role.Auditor] = await host.MemberClientAsync(tenant.Id, "audit@acme.test", MemberRole.Auditor),
            [Role.TenantAdmin] = await host.MemberClientAsync(tenant.Id, "boss@acme.test", MemberRole.TenantAdmin),
            [Role.PlatformAdmin] = host.Admin,
            [Role.OtherTenant] = await host.MemberClientAsync(other.Id, "boss@globex.test", MemberRole.TenantAdmin),
        };

        var endpoints = ((IEndpointRouteBuilder)host.App).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true && e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .ToList();
        Assert.True(endpoints.Count > 30);
        var mismatches = new List<string>();
        var calls = 0;
        foreach (var endpoint in endpoints)
        {
            var policy = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).Single()!;
            Assert.True(Expectations.TryGetValue(policy, out var expectation), $"{endpoint.DisplayName}: no expectation for policy {policy}; add it to the matrix.");
            var url = Fill(endpoint.RoutePattern, tenant.Id, team.Id);
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                foreach (var (role, client) in callers)
                {
                    var expected = expectation.Allowed.Contains(role) ? Reached
                        : expectation.TenantScoped && role == Role.OtherTenant ? HttpStatusCode.NotFound
                        : HttpStatusCode.Forbidden;
                    using var request = new HttpRequestMessage(new HttpMethod(method), url);
                    request.Headers.Add(AuthorizationProbe.ProbeHeader, "1");
                    if (method is "POST" or "PUT" or "PATCH")
                    {
                        request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                    }

                    using var response = await client.SendAsync(request);
                    calls++;
                    var answeredBy = response.Headers.TryGetValues(AuthorizationProbe.EndpointHeader, out var names) ? names.Single() : "(no endpoint)";
                    if (response.StatusCode != expected || answeredBy != endpoint.DisplayName)
                    {
                        mismatches.Add($"{method} {url} [{policy}] as {role}: expected {(int)expected}, got {(int)response.StatusCode} from {answeredBy}");
                    }
                }
            }
        }

        Assert.True(calls > 30 * callers.Count);
        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
    }

    [Fact]
    public async Task TeamAdminPolicy_TeamAdminOfAnotherTeam_Forbidden()
    {
        await using var host = await ControlPlaneTestHost.StartAsync(services: AuthorizationProbe.Install);
        var tenant = await host.CreateTenantAsync("Acme");
        var search = await host.CreateTeamAsync(tenant.Id, "Search");
        var billing = await host.CreateTeamAsync(tenant.Id, "Billing");
        var lead = await host.MemberClientAsync(tenant.Id, "lead@acme.test", MemberRole.Developer, teamId: search.Id, teamRole: TeamRole.TeamAdmin);

        lead.DefaultRequestHeaders.Add(AuthorizationProbe.ProbeHeader, "1");
        var own = await lead.PatchAsJsonAsync($"/api/tenants/{tenant.Id}/teams/{search.Id}", new UpdateTeamRequest(), SwitchyardJson.Options);
        var otherTeam = await lead.PatchAsJsonAsync($"/api/tenants/{tenant.Id}/teams/{billing.Id}", new UpdateTeamRequest(), SwitchyardJson.Options);

        Assert.Equal(Reached, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherTeam.StatusCode);
    }

    /// <summary>A URL that the pattern matches: the test tenant and team for their parameters, a fresh id or a word elsewhere.</summary>
    private static string Fill(RoutePattern pattern, Guid tenantId, Guid teamId)
    {
        var path = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart { Name: TenantAccessRequirement.RouteValue } => tenantId.ToString("D"),
                    RoutePatternParameterPart { Name: TeamAdminRequirement.RouteValue } => teamId.ToString("D"),
                    RoutePatternParameterPart parameter => Sample(parameter),
                    _ => throw new InvalidOperationException($"Unexpected route part in {pattern.RawText}."),
                });
            }
        }

        return path.ToString();
    }

    private static string Sample(RoutePatternParameterPart parameter)
    {
        var constraints = parameter.ParameterPolicies.Select(p => p.Content ?? "").ToList();
        return constraints.Contains("guid") ? Guid.NewGuid().ToString("D")
            : constraints.Any(c => c is "int" or "long") ? "1"
            : constraints.Contains("datetime") ? "2026-01-01"
            : "sample";
    }
}
