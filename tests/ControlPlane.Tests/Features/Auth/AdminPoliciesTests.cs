using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Switchyard.ControlPlane.Features.Auth;

namespace Switchyard.ControlPlane.Tests.Features.Auth;

public sealed class AdminPoliciesTests
{
    [Fact]
    public async Task MapControlPlane_EveryAdminEndpoint_DeclaresExactlyOnePolicyOrAllowsAnonymous()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();

        var endpoints = ((IEndpointRouteBuilder)host.App).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true).ToList();

        Assert.True(endpoints.Count > 30);
        Assert.All(endpoints, e =>
        {
            var policies = e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            var anonymous = e.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            Assert.True(anonymous || (policies.Count == 1 && AdminPolicies.Declarable.Contains(policies[0]!)),
                $"{e.DisplayName} declares {string.Join(", ", policies)}");
        });
    }

    [Fact]
    public async Task DenyUndeclared_EndpointWithoutPolicy_RefusedEvenToPlatformAdmin()
    {
        await using var host = await ControlPlaneTestHost.StartAsync(map: app =>
        {
            var probe = app.MapGroup("/api-probe").DenyUndeclared();
            probe.MapGet("/undeclared", () => "reached");
            probe.MapGroup("/nested").MapGet("/undeclared", () => "reached");
            probe.MapGroup("/declared").RequireAuthorization(AdminPolicies.SignedIn).MapGet("", () => "reached");
        });

        var undeclared = await host.Admin.GetAsync("/api-probe/undeclared");
        var nested = await host.Admin.GetAsync("/api-probe/nested/undeclared");
        var declared = await host.Admin.GetAsync("/api-probe/declared");
        var anonymous = await host.Anonymous.GetAsync("/api-probe/undeclared");

        Assert.Equal(HttpStatusCode.Forbidden, undeclared.StatusCode);
        Assert.Equal("application/problem+json", undeclared.Content.Headers.ContentType?.MediaType);
        Assert.Contains("declares no access policy", await undeclared.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, nested.StatusCode);
        Assert.Equal("reached", await declared.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
