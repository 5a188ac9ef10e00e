using System.Net;
using System.Text.Json;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Governance;
using Switchyard.Testing.Upstream;

namespace Switchyard.DataPlane.Tests.Guardrails;

/// <summary>
/// External guardrails that apply to the answer (<c>"applies":"output"</c>), through a running node: the fake upstream on
/// 127.0.0.1 plays the guardrail service (<c>/guard</c>) and the model, which echoes "Hello from openai! You said: …".
/// </summary>
public sealed class ExternalOutputGuardrailTests
{
    private const string GuardPath = "/guard";
    private const string Ask = """{"model":"echo","messages":[{"role":"user","content":"Ship it to Wayne Manor"}]}""";
    private const string AskStream = """{"model":"echo","stream":true,"messages":[{"role":"user","content":"Ship it to Wayne Manor"}]}""";

    [Fact]
    public async Task Chat_OutputGuardrailBlocks_Answers400AfterTheModelAnsweredAndGuardSawTheAnswer()
    {
        await using var host = await GuardedNode.StartAsync(tenantA: OutputPolicy());
        host.Upstream.Answer(GuardPath, FakeReply.Json("""{"action":"block"}"""));

        using var response = await host.Client.SendAsync(GuardedNode.Chat(Ask));

        var error = await ErrorAssert.IsOpenAIErrorAsync(response, HttpStatusCode.BadRequest, "guardrail_blocked");
        Assert.Contains("The response was blocked by policy 'external', rule 'corp-filter'", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Single(GuardedNode.Received(host));
        var asked = Assert.Single(host.Upstream.Requests, r => r.Path == GuardPath).Json;
        Assert.Equal("output", asked["direction"]!.GetValue<string>());
        Assert.Equal(["Hello from openai! You said: Ship it to Wayne Manor"], asked["texts"]!.AsArray().Select(t => t!.GetValue<string>()));
        var usage = await host.WaitForUsageAsync(r => r.Model == "echo");
        Assert.Contains(usage.Findings!, f => f.Rule == "corp-filter" && f.Output && f.Action == DlpActions.Block);
    }

    [Fact]
    public async Task Chat_OutputGuardrailRedacts_CallerSeesReplacement()
    {
        await using var host = await GuardedNode.StartAsync(tenantA: OutputPolicy());
        host.Upstream.Answer(GuardPath, FakeReply.Json("""{"action":"redact","redactions":[{"text":"Wayne Manor","replacement":"[ADDRESS]"}]}"""));

        using var response = await host.Client.SendAsync(GuardedNode.Chat(Ask));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith("You said: Ship it to [ADDRESS]", AnswerText(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("Wayne Manor", Assert.Single(GuardedNode.Received(host)).Body, StringComparison.Ordinal);
        var usage = await host.WaitForUsageAsync(r => r.Model == "echo");
        Assert.Contains(usage.Findings!, f => f.Rule == "corp-filter" && f.Output && f.Action == DlpActions.Redact);
    }

    [Fact]
    public async Task Chat_OutputGuardrailTimesOutFailClosed_Answers503AndWithholdsTheAnswer()
    {
        await using var host = await GuardedNode.StartAsync(tenantA: OutputPolicy(timeoutMs: 200));
        host.Upstream.Answer(GuardPath, FakeReply.Status(200, "application/json").Pause(c => Task.Delay(Timeout.Infinite, c)));

        using var response = await host.Client.SendAsync(GuardedNode.Chat(Ask));

        var error = await ErrorAssert.IsOpenAIErrorAsync(response, HttpStatusCode.ServiceUnavailable, "guardrail_unavailable");
        Assert.Contains("could not check the response (no answer within 200 ms)", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Wayne Manor", error.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_OutputGuardrailFailsFailOpen_AnswerReturnedAndFindingSaysUnchecked()
    {
        await using var host = await GuardedNode.StartAsync(tenantA: OutputPolicy(failMode: GuardrailTypes.FailOpen));
        host.Upstream.Answer(GuardPath, FakeReply.Json("{}", 500));

        using var response = await host.Client.SendAsync(GuardedNode.Chat(Ask));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var usage = await host.WaitForUsageAsync(r => r.Model == "echo");
        Assert.Contains(usage.Findings!, f => f.Rule == "corp-filter" && f.Output && f.Action == "unchecked");
    }

    [Fact]
    public async Task Chat_OutputGuardrailWithPseudonymizedEmail_GuardSeesPlaceholderCallerSeesOriginal()
    {
        var policy = OutputPolicy() with { Dlp = [new DlpRule(DlpDetectors.Email, DlpActions.Pseudonymize)] };
        await using var host = await GuardedNode.StartAsync(tenantA: policy);
        host.Upstream.Answer(GuardPath, FakeReply.Json("""{"action":"allow"}"""));

        using var response = await host.Client.SendAsync(GuardedNode.Chat("""{"model":"echo","messages":[{"role":"user","content":"mail jane.doe@example.com today"}]}"""));

        Assert.EndsWith("You said: mail jane.doe@example.com today", AnswerText(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var asked = Assert.Single(host.Upstream.Requests, r => r.Path == GuardPath);
        Assert.EndsWith("You said: mail <EMAIL_1> today", Assert.Single(asked.Json["texts"]!.AsArray())!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("jane.doe", asked.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatStream_OutputGuardrailBlocks_StreamEndsWithErrorEventInsteadOfFinish()
    {
        await using var host = await GuardedNode.StartAsync(tenantA: OutputPolicy());
        host.Upstream.Answer(GuardPath, FakeReply.Json("""{"action":"block"}"""));

        using var response = await host.Client.SendAsync(GuardedNode.Chat(AskStream));

        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("guardrail_blocked", body.Split('\n').Single(l => l.StartsWith("data: {\"error\"", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.DoesNotContain("\"finish_reason\":\"stop\"", body, StringComparison.Ordinal);
        var asked = Assert.Single(host.Upstream.Requests, r => r.Path == GuardPath).Json;
        Assert.Equal("output", asked["direction"]!.GetValue<string>());
        Assert.Equal(["Hello from openai! You said: Ship it to Wayne Manor"], asked["texts"]!.AsArray().Select(t => t!.GetValue<string>()));
        var usage = await host.WaitForUsageAsync(r => r.Model == "echo");
        Assert.Equal("guardrail_blocked", usage.ErrorCode);
    }

    [Fact]
    public async Task ChatStream_OutputGuardrailAllows_StreamFinishesNormally()
    {
        await using var host = await GuardedNode.StartAsync(tenantA: OutputPolicy());
        host.Upstream.Answer(GuardPath, FakeReply.Json("""{"action":"allow"}"""));

        using var response = await host.Client.SendAsync(GuardedNode.Chat(AskStream));

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("Hello from openai! You said: Ship it to Wayne Manor", OutputGuardTests.OpenAIStreamText(body));
        Assert.Contains("\"finish_reason\":\"stop\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"error\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MessagesStream_OutputGuardrailFailsClosed_StreamEndsWithUnavailableErrorEvent()
    {
        await using var host = await GuardedNode.StartAsync(tenantA: OutputPolicy());
        host.Upstream.Answer(GuardPath, FakeReply.Json("not json"));

        using var response = await host.Client.SendAsync(
            GuardedNode.Messages("""{"model":"echo","max_tokens":50,"stream":true,"messages":[{"role":"user","content":"Ship it to Wayne Manor"}]}"""));

        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("event: error", body, StringComparison.Ordinal);
        Assert.Contains("could not check the response (unreadable answer)", body, StringComparison.Ordinal);
        Assert.DoesNotContain("message_stop", body, StringComparison.Ordinal);
    }

    private static string AnswerText(string json) =>
        JsonDocument.Parse(json).RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;

    private static Shared.Configuration.PolicySnapshot OutputPolicy(int? timeoutMs = null, string? failMode = null) =>
        GuardedNode.Policy("external", TestSnapshots.TenantId, guardrails:
        [
            new GuardrailRule(GuardrailTypes.Http, DlpActions.Block, Name: "corp-filter", Url: GuardedNode.UpstreamPlaceholder + GuardPath,
                Applies: GuardrailTypes.Output, TimeoutMs: timeoutMs, FailMode: failMode),
        ]);
}
