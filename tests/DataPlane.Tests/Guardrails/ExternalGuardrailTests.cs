using System.Net;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Governance;
using Switchyard.Testing.Upstream;

namespace Switchyard.DataPlane.Tests.Guardrails;

/// <summary>
/// The <c>http</c> and <c>moderation</c> guardrails through a running node: the fake upstream plays the guardrail service
/// (<c>/guard</c>) and OpenAI's moderation endpoint, and what it received on <c>/openai/</c> proves what reached the model.
/// </summary>
public sealed class ExternalGuardrailTests
{
    private const string GuardPath = "/guard";
    private const string ModerationPath = "/openai/v1/moderations";
    private const string Ask = """{"model":"echo","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Ship it to Wayne Manor"}]}""";

    [Fact]
    public async Task Chat_HttpGuardrailBlocks_Answers400NamingRuleAndSendsTextsWithContext()
    {
        await using var host = await GuardedNode.StartAsync(tenantA: HttpPolicy());
        host.Upstream.Answer(GuardPath, FakeReply.Json("""{"action":"block","reason":"address"}"""));

        using var response = await host.Client.SendAsync(GuardedNode.Chat(Ask));

        var error = await ErrorAssert.IsOpenAIErrorAsync(response, HttpStatusCode.BadRequest, "guardrail_blocked");
        Assert.Contains("policy 'external', rule 'corp-filter'", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(GuardedNode.Received(host));
        var asked = Assert.Single(host.Upstream.Requests, r => r.Path == GuardPath).Json;
        Assert.Equal(["Be brief.", "Ship it to Wayne Manor"], asked["texts"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(("input", "echo", "corp-filter"), (asked["direction"]!.GetValue<string>(), asked["model"]!.GetValue<string>(), asked["rule"]!.GetValue<string>()));
        Assert.Equal(TestSnapshots.KeyId.ToString(), asked["keyId"]!.GetValue<string>());
        var usage = await host.WaitForUsageAsync(r => r.Model == "echo");
        Assert.Equal(("corp-filter", "block"), (Assert.Single(usage.Findings!).Rule, usage.Findings![0].Action));
    }

    [Fact]
    public async Task Chat_HttpGuardrailRedacts_UpstreamReceivesReplacement()
    {
        await using var host = await GuardedNode.StartAsync(tenantA: HttpPolicy());
        host.Upstream.Answer(GuardPath, FakeReply.Json("""{"action":"redact","redactions":[{"text":"Wayne Manor","replacement":"[ADDRESS]"}]}"""));

        using var response = await host.Client.SendAsync(GuardedNode.Chat(Ask));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(GuardedNode.Received(host)).Body;
        Assert.DoesNotContain("Wayne Manor", sent, StringComparison.Ordinal);
        Assert.Contains("Ship it to [ADDRESS]", sent, StringComparison.Ordinal);
        var usage = await host.WaitForUsageAsync(r => r.Model == "echo");
        Assert.Equal(("corp-filter", "redact", 1), (usage.Findings![0].Rule, usage.Findings[0].Action, usage.Findings[0].Count));
    }

    [Fact]
    public async Task Chat_HttpGuardrailWithActionLog_BlockVerdictOnlyRecorded()
    {
        await using var host = await GuardedNode.StartAsync(tenantA: HttpPolicy(action: DlpActions.Log));
        host.Upstream.Answer(GuardPath, FakeReply.Json("""{"action":"block"}"""));

        using var response = await host.Client.SendAsync(GuardedNode.Chat(Ask));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Wayne Manor", Assert.Single(GuardedNode.Received(host)).Body, StringComparison.Ordinal);
        var usage = await host.WaitForUsageAsync(r => r.Model == "echo");
        Assert.Equal("log", Assert.Single(usage.Findings!).Action);
    }

    [Fact]
    public async Task Chat_HttpGuardrailTimesOutFailClosed_Answers503NothingSent()
    {
        await using var host = await GuardedNode.StartAsync(tenantA: HttpPolicy(timeoutMs: 200));
        host.Upstream.Answer(GuardPath, FakeReply.Status(200, "application/json").Pause(c => Task.Delay(Timeout.Infinite, c)));

        using var response = await host.Client.SendAsync(GuardedNode.Chat(Ask));

        var error = await ErrorAssert.IsOpenAIErrorAsync(response, HttpStatusCode.ServiceUnavailable, "guardrail_unavailable");
        Assert.Contains("no answer within 200 ms", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(GuardedNode.Received(host));
    }

    [Fact]
    public async Task Chat_HttpGuardrailHostRefusedByEgressFailClosed_Answers503SayingEgressNothingSent()
    {
        await using var host = await GuardedNode.StartAsync(tenantA: HttpPolicy(url: RefusedGuard));

        using var response = await host.Client.SendAsync(GuardedNode.Chat(Ask));

        var error = await ErrorAssert.IsOpenAIErrorAsync(response, HttpStatusCode.ServiceUnavailable, "guardrail_unavailable");
        Assert.Contains("egress policy refused the guardrail's host", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("169.254", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(GuardedNode.Received(host));
    }

    [Fact]
    public async Task Chat_HttpGuardrailHostRefusedByEgressFailOpen_RequestGoesOnUnchecked()
    {
        await using var host = await GuardedNode.StartAsync(tenantA: HttpPolicy(failMode: GuardrailTypes.FailOpen, url: RefusedGuard));

        using var response = await host.Client.SendAsync(GuardedNode.Chat(Ask));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var usage = await host.WaitForUsageAsync(r => r.Model == "echo");
        Assert.Equal(("corp-filter", "unchecked"), (Assert.Single(usage.Findings!).Rule, usage.Findings![0].Action));
    }

    [Theory]
    [InlineData(500, "{}")]
    [InlineData(200, """{"action":"maybe"}""")]
    [InlineData(200, "not json")]
    public async Task Chat_HttpGuardrailFailsFailOpen_RequestGoesOnAndFindingSaysUnchecked(int status, string body)
    {
        await using var host = await GuardedNode.StartAsync(tenantA: HttpPolicy(failMode: GuardrailTypes.FailOpen));
        host.Upstream.Answer(GuardPath, FakeReply.Json(body, status));

        using var response = await host.Client.SendAsync(GuardedNode.Chat(Ask));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(GuardedNode.Received(host));
        var usage = await host.WaitForUsageAsync(r => r.Model == "echo");
        Assert.Equal(("corp-filter", "unchecked"), (Assert.Single(usage.Findings!).Rule, usage.Findings![0].Action));
    }

    [Fact]
    public async Task Messages_ModerationFlags_Answers400AnthropicShapeWithCredentialAndCategory()
    {
        var policy = GuardedNode.Policy("safety", TestSnapshots.TenantId, guardrails:
        [
            new GuardrailRule(GuardrailTypes.Moderation, Url: GuardedNode.UpstreamPlaceholder + ModerationPath, CredentialId: GuardedNode.EchoCredential, Model: "omni-moderation-latest"),
        ]);
        await using var host = await GuardedNode.StartAsync(tenantA: policy);
        host.Upstream.Answer(ModerationPath, FakeReply.Json("""
            {"id":"modr-1","model":"omni-moderation-latest","results":[
              {"flagged":false,"categories":{"violence":false},"category_scores":{"violence":0.01}},
              {"flagged":true,"categories":{"harassment":false,"violence":true},"category_scores":{"harassment":0.1,"violence":0.93}}]}
            """));

        using var response = await host.Client.SendAsync(GuardedNode.Messages("""{"model":"echo","max_tokens":20,"system":"Be brief.","messages":[{"role":"user","content":"something violent"}]}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("message").GetString();
        Assert.Contains("rule 'moderation' (category 'violence' flagged)", message, StringComparison.Ordinal);
        var asked = Assert.Single(host.Upstream.Requests, r => r.Path == ModerationPath);
        Assert.Equal("Bearer " + GuardedNode.OpenAIKey, asked.Header("Authorization"));
        Assert.Equal("omni-moderation-latest", asked.Json["model"]!.GetValue<string>());
        Assert.Equal(2, asked.Json["input"]!.AsArray().Count);
        Assert.DoesNotContain(GuardedNode.Received(host), r => r.Path != ModerationPath);
    }

    [Fact]
    public async Task Chat_ModerationThresholdNotReached_RequestGoesOn()
    {
        var policy = GuardedNode.Policy("safety", TestSnapshots.TenantId, guardrails:
        [
            new GuardrailRule(GuardrailTypes.Moderation, Url: GuardedNode.UpstreamPlaceholder + ModerationPath, CredentialId: GuardedNode.EchoCredential, Threshold: 0.95),
        ]);
        await using var host = await GuardedNode.StartAsync(tenantA: policy);
        host.Upstream.Answer(ModerationPath, FakeReply.Json("""{"results":[{"flagged":true,"categories":{"violence":true},"category_scores":{"violence":0.93}}]}"""));

        using var response = await host.Client.SendAsync(GuardedNode.Chat(Ask));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Chat_ModerationNamesAnotherTenantsCredential_PolicyLeftOutRequestRefused()
    {
        var policy = GuardedNode.Policy("safety", TestSnapshots.TenantId, guardrails:
            [new GuardrailRule(GuardrailTypes.Moderation, CredentialId: Guid.CreateVersion7())]);
        await using var host = await GuardedNode.StartAsync(tenantA: policy);

        using var response = await host.Client.SendAsync(GuardedNode.Chat(Ask));

        await ErrorAssert.IsOpenAIErrorAsync(response, HttpStatusCode.ServiceUnavailable, "policy_unavailable");
        Assert.Empty(host.Upstream.Requests);
    }

    /// <summary>A guardrail on a link-local address: the node's egress policy (loopback allowed for the fake upstream) refuses it.</summary>
    private const string RefusedGuard = "http://169.254.169.254/guard";

    private static Shared.Configuration.PolicySnapshot HttpPolicy(string action = DlpActions.Block, int? timeoutMs = null, string? failMode = null, string? url = null) =>
        GuardedNode.Policy("external", TestSnapshots.TenantId, guardrails:
        [
            new GuardrailRule(GuardrailTypes.Http, action, Name: "corp-filter", Url: url ?? GuardedNode.UpstreamPlaceholder + GuardPath, TimeoutMs: timeoutMs, FailMode: failMode),
        ]);
}
