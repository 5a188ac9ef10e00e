using System.Net.Http.Json;
using System.Net;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Tests.Features.Auth;

public sealed class SignInRateLimiterPolicyTests
{
    private const string Password = "correct-horse-battery";

    [Fact]
    public async Task Login_MoreAttemptsThanTheLimitFromOneClient_429WithRetryAfterWhileAnotherClientGetsThrough()
    {
        await using var host = await ControlPlaneTestHost.StartAsync(
            new Dictionary<string, string?> { ["Auth:SignInRateLimit:PermitLimit"] = "3", ["Auth:SignInRateLimit:WindowSeconds"] = "600" },
            services: SignInRequests.AddClientAddresses);
        await CreateMemberAsync(host, "ann@acme.test");

        var statuses = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((int)(await SignInRequests.LoginFromAsync(host, "203.0.113.7", "nobody@acme.test", "wrong-password")).StatusCode);
        }

        var limited = await SignInRequests.LoginFromAsync(host, "203.0.113.7", "ann@acme.test", Password);
        var other = await SignInRequests.LoginFromAsync(host, "198.51.100.20", "ann@acme.test", Password);

        Assert.Equal([401, 401, 401, 429], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 and <= 600 });
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        var problem = await SignInRequests.ProblemAsync(limited);
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Login_ForwardedForFromTrustedProxy_LimitsTheForwardedClientNotTheProxy()
    {
        await using var host = await ControlPlaneTestHost.StartAsync(
            new Dictionary<string, string?> { ["Auth:SignInRateLimit:PermitLimit"] = "2" }, services: SignInRequests.AddClientAddresses);
        await CreateMemberAsync(host, "ann@acme.test");

        // The portal calls the admin API from loopback for all its users and forwards each browser's address.
        for (var i = 0; i < 2; i++)
        {
            await SignInRequests.LoginFromAsync(host, "127.0.0.1", "ann@acme.test", "wrong-password", headers: Forwarded("203.0.113.7"));
        }

        var sameBrowser = await SignInRequests.LoginFromAsync(host, "127.0.0.1", "ann@acme.test", Password, headers: Forwarded("203.0.113.7"));
        var otherBrowser = await SignInRequests.LoginFromAsync(host, "127.0.0.1", "ann@acme.test", Password, headers: Forwarded("198.51.100.20"));

        Assert.Equal(HttpStatusCode.TooManyRequests, sameBrowser.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherBrowser.StatusCode);
    }

    [Fact]
    public async Task Login_ForwardedForFromUntrustedPeer_IsIgnored()
    {
        await using var host = await ControlPlaneTestHost.StartAsync(
            new Dictionary<string, string?> { ["Auth:SignInRateLimit:PermitLimit"] = "2" }, services: SignInRequests.AddClientAddresses);

        // A client cannot escape the limit by claiming another address in each request.
        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var attempt = await SignInRequests.LoginFromAsync(host, "203.0.113.7", "ann@acme.test", "wrong-password", headers: Forwarded($"198.51.100.{i + 1}"));
            statuses.Add((int)attempt.StatusCode);
        }

        Assert.Equal([401, 401, 429], statuses);
    }

    private static Dictionary<string, string> Forwarded(string client) => new() { ["X-Forwarded-For"] = client };

    private static async Task CreateMemberAsync(ControlPlaneTestHost host, string email)
    {
        var tenant = await host.CreateTenantAsync("Acme");
        var created = await host.Admin.PostAsJsonAsync(
            $"/api/tenants/{tenant.Id}/members", new CreateMemberRequest(email, Password, MemberRole.Developer), SwitchyardJson.Options);
        created.EnsureSuccessStatusCode();
    }
}
