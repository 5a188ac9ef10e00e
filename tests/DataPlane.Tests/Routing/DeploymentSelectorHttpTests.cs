using System.Net;
using System.Text;
using Switchyard.DataPlane.Providers;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.DataPlane.Tests.Providers.Failover;

namespace Switchyard.DataPlane.Tests.Routing;

/// <summary>Capability-aware selection and sticky sessions, seen through the deployment header.</summary>
public class DeploymentSelectorHttpTests(FailoverHostFixture fixture) : IClassFixture<FailoverHostFixture>
{
    private DataPlaneTestHost Host => fixture.Host;

    [Fact]
    public async Task Post_RequestWithToolsOnMixedRoute_AlwaysGoesToTheDeploymentWithTools()
    {
        var chosen = new HashSet<string>();
        for (var i = 0; i < 12; i++)
        {
            chosen.Add(await DeploymentAsync(Body("fo-caps", ""","tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}]""")));
        }

        Assert.Single(chosen);
        var plain = new HashSet<string>();
        for (var i = 0; i < 24; i++)
        {
            plain.Add(await DeploymentAsync(Body("fo-caps", "")));
        }

        // Without tools both can serve, so the weighted pick uses both.
        Assert.Equal(2, plain.Count);
        Assert.Contains(chosen.Single(), plain);
    }

    [Fact]
    public async Task Post_PromptBeyondOneContextWindow_GoesToTheDeploymentWithTheLargerWindow()
    {
        var longPrompt = new string('x', 4000);
        var chosen = new HashSet<string>();
        for (var i = 0; i < 12; i++)
        {
            chosen.Add(await DeploymentAsync(Body("fo-window", "").Replace("Hello", longPrompt, StringComparison.Ordinal)));
        }

        var small = new HashSet<string>();
        for (var i = 0; i < 24; i++)
        {
            small.Add(await DeploymentAsync(Body("fo-window", "")));
        }

        Assert.Single(chosen);
        Assert.Equal(2, small.Count);
    }

    [Fact]
    public async Task Post_StickyRoute_SameSessionKeepsItsDeployment()
    {
        foreach (var session in new[] { "alice", "bob", "carol" })
        {
            var byHeader = new HashSet<string>();
            var byUser = new HashSet<string>();
            for (var i = 0; i < 6; i++)
            {
                byHeader.Add(await DeploymentAsync(Body("fo-sticky", ""), session));
                byUser.Add(await DeploymentAsync(Body("fo-sticky", $",\"user\":\"{session}\"")));
            }

            Assert.Single(byHeader);
            Assert.Equal(byHeader, byUser);
        }
    }

    private static string Body(string model, string extra) =>
        $$"""{"model":"{{model}}","messages":[{"role":"user","content":"Hello"}]{{extra}}}""";

    private async Task<string> DeploymentAsync(string body, string? session = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", TestSnapshots.Key);
        if (session is not null)
        {
            request.Headers.Add("x-switchyard-session", session);
        }

        using var response = await Host.Client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return response.Headers.GetValues(ForwardStage.DeploymentHeader).Single();
    }
}
