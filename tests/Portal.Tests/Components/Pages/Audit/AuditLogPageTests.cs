using Bunit;
using Switchyard.Portal.Components.Pages.Audit;
using Switchyard.Portal.Tests.Infrastructure;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Messages;

namespace Switchyard.Portal.Tests.Components.Pages.Audit;

public sealed class AuditLogPageTests : PortalTestContext
{
    [Fact]
    public void Render_Auditor_ListsRequestEntriesWithFindings()
    {
        SignIn(MemberRole.Auditor);
        Api.AuditRequests.Add(Entry("gpt-4o", [new UsageFinding("pii", "email", 2, "redact")]));
        Api.AuditRequests.Add(Entry("claude", null));

        var page = RenderPage<AuditLog>();

        page.WaitForAssertion(() => Assert.Equal(["gpt-4o", "claude"], page.FindAll("[data-testid=audit-model-cell]").Select(c => c.TextContent.Trim())));
        Assert.Contains("email: redact", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_ModelAndFinding_SentAsFilters()
    {
        SignIn(MemberRole.Auditor);
        var page = RenderPage<AuditLog>();

        page.WaitForElement("input[data-testid=audit-model]").Change("gpt-4o");
        page.Find("input[data-testid=audit-finding]").Change("email");
        page.Find("[data-testid=audit-search]").Click();

        page.WaitForAssertion(() => Assert.Equal("model=gpt-4o&finding=email", Api.AuditQueries[^1]));
    }

    [Fact]
    public void Open_Entry_ShowsRedactedBodies()
    {
        SignIn(MemberRole.Auditor);
        var entry = Entry("gpt-4o", null);
        Api.AuditRequests.Add(entry);
        Api.AuditDetails[entry.Id] = new AuditRequestDetailDto(entry, """{"content":"mail [EMAIL]"}""", """{"answer":"ok"}""", false, true, false);
        var page = RenderPage<AuditLog>();

        page.WaitForElement("[data-testid=audit-open]").Click();

        page.WaitForAssertion(() => Assert.Contains("mail [EMAIL]", page.Find("[data-testid=audit-request-body]").TextContent, StringComparison.Ordinal));
        Assert.Contains("\"answer\":\"ok\"", page.Find("[data-testid=audit-response-body]").TextContent, StringComparison.Ordinal);
        Assert.Contains("cut", page.Find("[data-testid=audit-detail]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_BrokenChain_ShowsTheFirstBrokenEntry()
    {
        SignIn(MemberRole.Auditor);
        var broken = Guid.NewGuid();
        Api.AuditVerification = new AuditVerificationDto(false, [new AuditChainVerificationDto("requests", "node-1", 3, 5, new AuditBrokenLinkDto(broken, 3, "hash mismatch"))]);
        var page = RenderPage<AuditLog>();

        page.WaitForElement("[data-testid=audit-verify]").Click();

        page.WaitForAssertion(() =>
        {
            var alert = page.Find("[data-testid=audit-verification]").TextContent;
            Assert.Contains("broken at entry 3", alert, StringComparison.Ordinal);
            Assert.Contains("hash mismatch", alert, StringComparison.Ordinal);
            Assert.Contains(broken.ToString(), alert, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Export_Csv_LinksToThePortalsStreamedDownloadWithTheFilters()
    {
        SignIn(MemberRole.Auditor);
        var page = RenderPage<AuditLog>();

        page.WaitForElement("input[data-testid=audit-model]").Change("gpt-4o");

        page.WaitForAssertion(() => Assert.Equal(
            "/downloads/audit?type=requests&format=csv&model=gpt-4o", page.Find("[data-testid=audit-export-csv]").GetAttribute("href")));
        Assert.Equal("/downloads/audit?type=requests&format=jsonl&model=gpt-4o", page.Find("[data-testid=audit-export-jsonl]").GetAttribute("href"));
    }

    [Fact]
    public void Open_AdminEntry_ShowsOutcomeInTheListAndChangesInTheDetail()
    {
        SignIn(MemberRole.Auditor);
        var changes = System.Text.Json.JsonDocument.Parse("""[{"type":"Tenant","before":{"name":"acme"},"after":{"name":"acme-renamed"}}]""").RootElement.Clone();
        Api.AuditActions.Add(new AuditAdminEntryDto(Guid.NewGuid(), FakeControlPlaneClient.Now, 7, "member:me", "UpdateTenant", "PATCH", "/api/tenants/t",
            "Tenant", "t", changes, "10.0.0.1", 200, new string('0', 64), new string('d', 64), "saved"));
        Api.AuditActions.Add(new AuditAdminEntryDto(Guid.NewGuid(), FakeControlPlaneClient.Now, 6, "member:dev", "DeleteTeam", "DELETE", "/api/tenants/t/teams/x",
            null, null, null, "10.0.0.2", 403, new string('0', 64), new string('e', 64), "denied"));
        var page = RenderPage<AuditLog>();

        page.WaitForElement("[data-testid=audit-type]");
        page.Pick("audit-type", "Admin actions");
        page.Find("[data-testid=audit-search]").Click();

        page.WaitForAssertion(() => Assert.Equal(["saved", "denied"], page.FindAll("[data-testid=audit-action-outcome]").Select(c => c.TextContent.Trim())));
        page.FindAll("[data-testid=audit-action-open]")[0].Click();
        page.WaitForAssertion(() => Assert.Contains("acme-renamed", page.Find("[data-testid=audit-action-changes]").TextContent, StringComparison.Ordinal));
        Assert.Contains("PATCH /api/tenants/t", page.Find("[data-testid=audit-action-detail]").TextContent, StringComparison.Ordinal);
    }

    private static AuditRequestEntryDto Entry(string model, IReadOnlyList<UsageFinding>? findings) => new(
        Guid.NewGuid(), FakeControlPlaneClient.Now, "node-1", 1, Guid.NewGuid(), Guid.NewGuid(), "chat.completions", model, null, "openai", model,
        false, 200, null, 10, 5, 100, findings, "full", new string('a', 64), new string('b', 64), 30, 20, true, new string('0', 64), new string('c', 64));
}
