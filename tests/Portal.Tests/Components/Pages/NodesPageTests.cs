using Bunit;
using Switchyard.Portal.Components.Pages.Nodes;
using Switchyard.Portal.Tests.Infrastructure;
using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Tests.Components.Pages;

public sealed class NodesPageTests : PortalTestContext
{
    private static readonly DateTimeOffset Now = FakeControlPlaneClient.Now;

    [Fact]
    public void Render_Nodes_ShowsRevisionSnapshotAgeSpoolHealthAndLastSeen()
    {
        SignIn(MemberRole.PlatformAdmin);
        Api.Nodes.Add(Node("node-2", revision: 41, lastSeen: Now.AddSeconds(-3), confirmed: Now.AddSeconds(-95), spool: 3, spoolAge: 600, ready: false));
        Api.Nodes.Add(Node("node-1", revision: 42, lastSeen: Now.AddSeconds(-2), confirmed: Now.AddSeconds(-4), spool: 0, spoolAge: null, ready: true));

        var page = RenderPage<Nodes>();

        page.WaitForAssertion(() => Assert.Equal(["node-1", "node-2"], page.FindAll("[data-testid=node-id]").Select(c => c.TextContent.Trim())));
        var rows = page.FindAll("tbody tr");
        Assert.Contains("42", rows[0].QuerySelector("[data-testid=node-revision]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("4 s ago", rows[0].QuerySelector("[data-testid=node-snapshot-age]")!.TextContent.Trim());
        Assert.Equal("empty", rows[0].QuerySelector("[data-testid=node-spool]")!.TextContent.Trim());
        Assert.Equal("healthy", rows[0].QuerySelector("[data-testid=node-health]")!.GetAttribute("data-health"));
        Assert.Equal("2 s ago", rows[0].QuerySelector("[data-testid=node-last-seen]")!.TextContent.Trim());
        Assert.Equal("95 s ago", rows[1].QuerySelector("[data-testid=node-snapshot-age]")!.TextContent.Trim());
        Assert.Equal("3 segment(s), oldest 10 min", rows[1].QuerySelector("[data-testid=node-spool]")!.TextContent.Trim());
        Assert.Equal("not ready", rows[1].QuerySelector("[data-testid=node-health]")!.GetAttribute("data-health"));
    }

    [Fact]
    public void Render_SilentAndFailedNodes_ShowsWhy()
    {
        SignIn(MemberRole.PlatformAdmin);
        Api.Nodes.Add(Node("gone", revision: 7, lastSeen: Now.AddMinutes(-10), confirmed: Now.AddMinutes(-10), spool: 0, spoolAge: null, ready: true));
        Api.Nodes.Add(Node("broken", revision: 7, lastSeen: Now.AddSeconds(-1), confirmed: null, spool: null, spoolAge: null, ready: null) with
        {
            Succeeded = false,
            Error = "snapshot hash mismatch",
        });

        var page = RenderPage<Nodes>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=node-health]").Count));
        var health = page.FindAll("[data-testid=node-health]").Select(c => c.GetAttribute("data-health")).ToList();
        Assert.Equal(["apply failed", "silent"], health);
        Assert.Contains("snapshot hash mismatch", page.Find("[data-testid=node-error]").TextContent, StringComparison.Ordinal);
        Assert.Equal("—", page.FindAll("[data-testid=node-spool]")[0].TextContent.Trim());
    }

    [Fact]
    public void Render_ApiFails_ShowsTheError()
    {
        SignIn(MemberRole.PlatformAdmin);
        Api.Failures[nameof(Api.GetNodesAsync)] = FakeControlPlaneClient.Problem("Only platform admins may list nodes.", System.Net.HttpStatusCode.Forbidden);

        var page = RenderPage<Nodes>();

        page.WaitForAssertion(() => Assert.Contains("Only platform admins may list nodes.", page.Markup, StringComparison.Ordinal));
    }

    private static NodeStatusDto Node(string id, long revision, DateTimeOffset lastSeen, DateTimeOffset? confirmed, int? spool, double? spoolAge, bool? ready) =>
        new(id, revision, true, null, lastSeen, [], lastSeen, confirmed, spool, spoolAge, ready, 0);
}
