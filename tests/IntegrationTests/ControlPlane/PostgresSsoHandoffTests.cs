using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.ControlPlane.Features.Sso;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.IntegrationTests.ControlPlane;

/// <summary>
/// The one-time code of a finished single sign-on with two control planes on one PostgreSQL database: the portal may
/// trade it at either, and it is accepted exactly once.
/// </summary>
public class PostgresSsoHandoffTests
{
    [Fact]
    public async Task Redeem_OnTheOtherControlPlane_AcceptedThereAndNotAgainOnTheFirst()
    {
        await using var first = await PostgresControlPlaneHost.StartAsync();
        await using var second = await PostgresControlPlaneHost.StartAsync(database: first.Database);
        var member = await MemberAsync(first);
        var code = await IssueAsync(first, member.Id);

        using var redeemed = await ExchangeAsync(second, code);
        using var again = await ExchangeAsync(first, code);

        Assert.Equal(HttpStatusCode.OK, redeemed.StatusCode);
        Assert.Equal(member.Id, (await redeemed.Content.ReadFromJsonAsync<LoginResponse>(SwitchyardJson.Options))!.User.Id);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
    }

    [Fact]
    public async Task Redeem_SameCodeAtBothControlPlanesAtOnce_ExactlyOneAccepted()
    {
        await using var first = await PostgresControlPlaneHost.StartAsync();
        await using var second = await PostgresControlPlaneHost.StartAsync(database: first.Database);
        var member = await MemberAsync(first);

        for (var i = 0; i < 5; i++)
        {
            var code = await IssueAsync(i % 2 == 0 ? first : second, member.Id);
            var answers = await Task.WhenAll(ExchangeAsync(first, code), ExchangeAsync(second, code), ExchangeAsync(first, code), ExchangeAsync(second, code));

            Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
            Assert.Equal(3, answers.Count(a => a.StatusCode == HttpStatusCode.Unauthorized));
        }
    }

    private static async Task<MemberDto> MemberAsync(PostgresControlPlaneHost host)
    {
        var tenant = await host.PostAsync<TenantDto>(host.Admin, "/api/tenants", new CreateTenantRequest("sso-" + Guid.NewGuid().ToString("N")[..8]));
        return await host.PostAsync<MemberDto>(host.Admin, $"/api/tenants/{tenant.Id}/members",
            new CreateMemberRequest($"ann-{Guid.NewGuid():N}@example.test", "integration-password-1", MemberRole.Developer));
    }

    private static async Task<string> IssueAsync(PostgresControlPlaneHost host, Guid memberId)
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SsoHandoff>().IssueAsync(memberId, CancellationToken.None);
    }

    private static async Task<HttpResponseMessage> ExchangeAsync(PostgresControlPlaneHost host, string code)
    {
        using var client = host.Client();
        return await client.PostAsJsonAsync("/api/auth/sso/exchange", new SsoExchangeRequest(code), SwitchyardJson.Options);
    }
}
