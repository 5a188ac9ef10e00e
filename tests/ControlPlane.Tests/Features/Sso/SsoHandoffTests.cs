using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Switchyard.ControlPlane.Features.Sso;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Tests.Features.Sso;

/// <summary>
/// The one-time code that hands a finished sign-in to the portal, redeemed through <c>POST /api/auth/sso/exchange</c>:
/// once across every control plane sharing the database, never after it expires, and never stored as it is.
/// </summary>
public sealed class SsoHandoffTests
{
    [Fact]
    public async Task Redeem_Twice_SecondUnauthorized()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var member = await CreateMemberAsync(host);
        var code = await IssueAsync(host, member.Id);

        var first = await ExchangeAsync(host, code);
        var second = await ExchangeAsync(host, code);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(member.Id, (await first.Content.ReadFromJsonAsync<LoginResponse>(SwitchyardJson.Options))!.User.Id);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
    }

    [Fact]
    public async Task Redeem_OnSecondControlPlaneSharingTheDatabase_AcceptedThereOnceAndNotAgainOnTheFirst()
    {
        var directory = Path.Combine(Path.GetTempPath(), "switchyard-cp-tests", Guid.NewGuid().ToString("N"));
        try
        {
            await using var first = await ControlPlaneTestHost.StartAsync(directory: directory);
            await using var second = await ControlPlaneTestHost.StartAsync(directory: directory);
            var member = await CreateMemberAsync(first);
            var code = await IssueAsync(first, member.Id);

            var redeemed = await ExchangeAsync(second, code);
            var again = await ExchangeAsync(first, code);

            Assert.Equal(HttpStatusCode.OK, redeemed.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        }
        finally
        {
            ControlPlaneTestHost.Cleanup(directory);
        }
    }

    [Fact]
    public async Task Redeem_ConcurrentRedeemers_ExactlyOneAccepted()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var member = await CreateMemberAsync(host);
        var code = await IssueAsync(host, member.Id);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            await using var scope = host.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<SsoHandoff>().RedeemAsync(code, CancellationToken.None);
        }));

        Assert.Equal(member.Id, Assert.Single(results, r => r is not null));
    }

    [Fact]
    public async Task Redeem_AfterHandoffSeconds_UnauthorizedAndPurgedAtTheNextIssue()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        await using var host = await ControlPlaneTestHost.StartAsync(
            new Dictionary<string, string?> { ["Sso:HandoffSeconds"] = "60" }, services: s => s.AddSingleton<TimeProvider>(time));
        var member = await CreateMemberAsync(host);
        var expired = await IssueAsync(host, member.Id);
        time.Advance(TimeSpan.FromSeconds(60));

        var response = await ExchangeAsync(host, expired);
        await IssueAsync(host, member.Id);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var rows = await host.WithDbAsync(db => db.SsoHandoffCodes.ToListAsync());
        Assert.Equal(time.GetUtcNow().AddSeconds(60), Assert.Single(rows).ExpiresAt);
    }

    [Fact]
    public async Task Issue_Code_StoredOnlyAsItsHash()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var member = await CreateMemberAsync(host);

        var code = await IssueAsync(host, member.Id);

        var row = Assert.Single(await host.WithDbAsync(db => db.SsoHandoffCodes.ToListAsync()));
        Assert.DoesNotContain(code[SsoHandoff.CodePrefix.Length..], row.CodeHash, StringComparison.Ordinal);
        Assert.Equal(Switchyard.Shared.Keys.VirtualKeyHash.Compute(code), row.CodeHash);
    }

    private static async Task<MemberDto> CreateMemberAsync(ControlPlaneTestHost host)
    {
        var tenant = await host.CreateTenantAsync("Acme");
        var response = await host.Admin.PostAsJsonAsync(
            $"/api/tenants/{tenant.Id}/members", new CreateMemberRequest($"ann-{Guid.NewGuid():N}@acme.test", "correct-horse-battery", MemberRole.Developer), SwitchyardJson.Options);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<MemberDto>(SwitchyardJson.Options))!;
    }

    private static async Task<string> IssueAsync(ControlPlaneTestHost host, Guid memberId)
    {
        await using var scope = host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<SsoHandoff>().IssueAsync(memberId, CancellationToken.None);
    }

    private static Task<HttpResponseMessage> ExchangeAsync(ControlPlaneTestHost host, string code) =>
        host.Anonymous.PostAsJsonAsync("/api/auth/sso/exchange", new SsoExchangeRequest(code), SwitchyardJson.Options);
}
