using System.Net;
using System.Net.Http.Json;
using Switchyard.ControlPlane.Tests.Features.Auth;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Tests.Infrastructure.Http;

/// <summary>Behind a TLS-terminating proxy the sign-in cookie is marked Secure, when (and only when) the proxy is trusted.</summary>
public sealed class ForwardedHeadersTests
{
    private const string Password = "correct-horse-battery";

    [Theory]
    [InlineData("127.0.0.1", null, true)]
    [InlineData("10.1.2.3", "10.1.2.0/24", true)]
    [InlineData("10.1.2.3", null, false)]
    public async Task Login_UseCookiesWithForwardedHttps_CookieSecureOnlyFromTrustedProxies(string proxy, string? knownNetwork, bool secure)
    {
        var settings = new Dictionary<string, string?>();
        if (knownNetwork is not null)
        {
            settings["ForwardedHeaders:KnownNetworks:0"] = knownNetwork;
        }

        await using var host = await ControlPlaneTestHost.StartAsync(settings, services: SignInRequests.AddClientAddresses);
        var tenant = await host.CreateTenantAsync("Acme");
        (await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/members", new CreateMemberRequest("ann@acme.test", Password, MemberRole.Developer), SwitchyardJson.Options))
            .EnsureSuccessStatusCode();

        var response = await SignInRequests.LoginFromAsync(host, proxy, "ann@acme.test", Password, "?useCookies=true",
            new Dictionary<string, string> { ["X-Forwarded-Proto"] = "https", ["X-Forwarded-For"] = "203.0.113.7" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".Switchyard.Identity=", StringComparison.Ordinal));
        Assert.Equal(secure, cookie.Contains("; secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Start_KnownNetworkNotInCidrNotation_FailsNamingTheSetting()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => ControlPlaneTestHost.StartAsync(
            new Dictionary<string, string?> { ["ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/99" }));

        Assert.Contains("ForwardedHeaders:KnownNetworks:0", error.Message, StringComparison.Ordinal);
    }
}
