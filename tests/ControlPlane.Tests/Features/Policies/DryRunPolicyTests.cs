using System.Net;
using System.Net.Http.Json;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Governance;
using Switchyard.Testing.Upstream;

namespace Switchyard.ControlPlane.Tests.Features.Policies;

/// <summary>
/// The dry run's external guardrails (<c>"external":true</c>): a real guardrail server on 127.0.0.1 (the fake upstream)
/// answers <c>/guard</c>; the control plane reaches it only where the egress policy allows.
/// </summary>
public sealed class DryRunPolicyTests
{
    private const string GuardPath = "/guard";
    private static readonly Dictionary<string, string?> LoopbackAllowed = new() { ["Egress:AllowedNetworks:0"] = "127.0.0.0/8" };

    [Fact]
    public async Task DryRun_ExternalHttpGuardrailBlocks_BlockedNamingRuleAndGuardSawTheText()
    {
        await using var guard = await FakeUpstream.StartAsync();
        guard.Answer(GuardPath, FakeReply.Json("""{"action":"block"}"""));
        await using var host = await ControlPlaneTestHost.StartAsync(LoopbackAllowed);
        var (tenantId, policyId) = await CreateAsync(host, guard);

        var result = await DryRunAsync(host, tenantId, policyId, new PolicyDryRunRequest("Ship it to Wayne Manor", External: true));

        Assert.True(result.Blocked);
        Assert.Equal("corp-filter", result.BlockedBy);
        Assert.Contains(new PolicyDryRunFinding("corp-filter", 1, DlpActions.Block), result.Findings);
        var asked = Assert.Single(guard.Requests).Json;
        Assert.Equal(["Ship it to Wayne Manor"], asked["texts"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(("input", true, tenantId.ToString()), (asked["direction"]!.GetValue<string>(), asked["dryRun"]!.GetValue<bool>(), asked["tenantId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task DryRun_WithoutExternalFlag_GuardrailNotCalled()
    {
        await using var guard = await FakeUpstream.StartAsync();
        guard.Answer(GuardPath, FakeReply.Json("""{"action":"block"}"""));
        await using var host = await ControlPlaneTestHost.StartAsync(LoopbackAllowed);
        var (tenantId, policyId) = await CreateAsync(host, guard);

        var result = await DryRunAsync(host, tenantId, policyId, new PolicyDryRunRequest("Ship it to Wayne Manor"));

        Assert.False(result.Blocked);
        Assert.Empty(result.Findings);
        Assert.Empty(guard.Requests);
    }

    [Fact]
    public async Task DryRun_ExternalGuardrailFailsClosed_BlockedAndFindingSaysWhy()
    {
        await using var guard = await FakeUpstream.StartAsync();
        guard.Answer(GuardPath, FakeReply.Json("{}", 500));
        await using var host = await ControlPlaneTestHost.StartAsync(LoopbackAllowed);
        var (tenantId, policyId) = await CreateAsync(host, guard);

        var result = await DryRunAsync(host, tenantId, policyId, new PolicyDryRunRequest("Ship it to Wayne Manor", External: true));

        Assert.True(result.Blocked);
        Assert.Contains("could not check the request (HTTP 500)", result.Message!, StringComparison.Ordinal);
        Assert.Equal(new PolicyDryRunFinding("corp-filter", 1, "unavailable", "HTTP 500"), Assert.Single(result.Findings));
    }

    [Fact]
    public async Task DryRun_ExternalGuardrailOnLoopbackNotAllowedByEgress_NothingSentFindingUnavailable()
    {
        await using var guard = await FakeUpstream.StartAsync();
        guard.Answer(GuardPath, FakeReply.Json("""{"action":"allow"}"""));
        await using var host = await ControlPlaneTestHost.StartAsync();
        var (tenantId, policyId) = await CreateAsync(host, guard);

        var result = await DryRunAsync(host, tenantId, policyId, new PolicyDryRunRequest("Ship it to Wayne Manor", External: true));

        Assert.True(result.Blocked);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(("unavailable", "the egress policy refused the guardrail's host"), (finding.Action, finding.Detail));
        Assert.Empty(guard.Requests);
    }

    [Fact]
    public async Task DryRun_ExternalOutputGuardrailRedacts_TextRedactedForOutputDirectionOnly()
    {
        await using var guard = await FakeUpstream.StartAsync();
        guard.Answer(GuardPath, FakeReply.Json("""{"action":"redact","redactions":[{"text":"Wayne Manor","replacement":"[ADDRESS]"}]}"""));
        await using var host = await ControlPlaneTestHost.StartAsync(LoopbackAllowed);
        var (tenantId, policyId) = await CreateAsync(host, guard, GuardrailTypes.Output);

        var input = await DryRunAsync(host, tenantId, policyId, new PolicyDryRunRequest("Ship it to Wayne Manor", External: true));
        var output = await DryRunAsync(host, tenantId, policyId, new PolicyDryRunRequest("Ship it to Wayne Manor", GuardrailTypes.Output, External: true));

        Assert.Equal("Ship it to Wayne Manor", input.Text);
        Assert.Equal("Ship it to [ADDRESS]", output.Text);
        Assert.Equal(new PolicyDryRunFinding("corp-filter", 1, DlpActions.Redact), Assert.Single(output.Findings));
        Assert.Equal("output", Assert.Single(guard.Requests).Json["direction"]!.GetValue<string>());
    }

    [Fact]
    public async Task DryRun_ExternalByDeveloper_Forbidden403NamingExternalAndNothingSent()
    {
        await using var guard = await FakeUpstream.StartAsync();
        guard.Answer(GuardPath, FakeReply.Json("""{"action":"allow"}"""));
        await using var host = await ControlPlaneTestHost.StartAsync(LoopbackAllowed);
        var (tenantId, policyId) = await CreateAsync(host, guard);
        using var developer = await host.MemberClientAsync(tenantId, "dev@acme.test", MemberRole.Developer);
        var url = $"/api/tenants/{tenantId}/policies/{policyId}/dry-run";

        var external = await developer.PostAsJsonAsync(url, new PolicyDryRunRequest("Ship it to Wayne Manor", External: true), SwitchyardJson.Options);
        var builtIn = await developer.PostAsJsonAsync(url, new PolicyDryRunRequest("Ship it to Wayne Manor"), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.Forbidden, external.StatusCode);
        Assert.Equal("application/problem+json", external.Content.Headers.ContentType?.MediaType);
        var problem = await external.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal("external", problem.GetProperty("field").GetString());
        Assert.Contains("external", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, builtIn.StatusCode);
        Assert.Empty(guard.Requests);
    }

    [Fact]
    public async Task DryRun_ExternalByTenantAdmin_GuardrailAsked()
    {
        await using var guard = await FakeUpstream.StartAsync();
        guard.Answer(GuardPath, FakeReply.Json("""{"action":"allow"}"""));
        await using var host = await ControlPlaneTestHost.StartAsync(LoopbackAllowed);
        var (tenantId, policyId) = await CreateAsync(host, guard);
        using var admin = await host.MemberClientAsync(tenantId, "admin@acme.test", MemberRole.TenantAdmin);

        var response = await admin.PostAsJsonAsync(
            $"/api/tenants/{tenantId}/policies/{policyId}/dry-run", new PolicyDryRunRequest("Ship it to Wayne Manor", External: true), SwitchyardJson.Options);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(guard.Requests);
    }

    private static async Task<(Guid TenantId, Guid PolicyId)> CreateAsync(ControlPlaneTestHost host, FakeUpstream guard, string applies = GuardrailTypes.Input)
    {
        var tenant = await host.CreateTenantAsync("Acme");
        var response = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenant.Id}/policies", new PolicyRequest("external", Guardrails:
            [new GuardrailRule(GuardrailTypes.Http, Name: "corp-filter", Url: guard.BaseUrl + GuardPath, Applies: applies, TimeoutMs: 5000)]), SwitchyardJson.Options);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (tenant.Id, (await response.Content.ReadFromJsonAsync<PolicyDto>(SwitchyardJson.Options))!.Id);
    }

    private static async Task<PolicyDryRunResult> DryRunAsync(ControlPlaneTestHost host, Guid tenantId, Guid policyId, PolicyDryRunRequest request)
    {
        var response = await host.Admin.PostAsJsonAsync($"/api/tenants/{tenantId}/policies/{policyId}/dry-run", request, SwitchyardJson.Options);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<PolicyDryRunResult>(SwitchyardJson.Options))!;
    }
}
