using System.Net;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Governance;

namespace Switchyard.DataPlane.Tests.Guardrails;

/// <summary>
/// Streamed answers obey the same output rules as whole ones: banned terms that redact or log, and regular expressions,
/// through a running node. The fake upstream echoes the last user text one word per chunk, so a two-word term or a
/// multi-word match always arrives split across chunks. OpenAI callers reach the OpenAI upstream in their own dialect (the
/// path that passes through when nothing guards the answer); Anthropic callers are translated.
/// </summary>
public sealed class GuardedStreamSinkTests
{
    private static readonly GuardrailRule RedactTerm = new(GuardrailTypes.BannedTerms, Name: "codenames", Action: DlpActions.Redact,
        Terms: ["project falcon"], Applies: GuardrailTypes.Output);

    private static readonly GuardrailRule LogTerm = new(GuardrailTypes.BannedTerms, Name: "watch", Action: DlpActions.Log,
        Terms: ["project falcon"], Applies: GuardrailTypes.Output);

    // An order number: "order" and its digits arrive in different chunks.
    private static readonly GuardrailRule RedactOrder = new(GuardrailTypes.Regex, Name: "orders", Action: DlpActions.Redact,
        Pattern: @"order \d{6}", Applies: GuardrailTypes.Output);

    private static readonly GuardrailRule BlockOrder = RedactOrder with { Action = DlpActions.Block };

    private const string Prompt = "tell me all about Project Falcon and order 123456 and more words after it";

    [Fact]
    public async Task ChatStream_RedactedTermSplitAcrossChunks_ReplacedAndRecorded()
    {
        await using var host = await GuardedNode.StartAsync(tenantA: GuardedNode.Policy("secrets", TestSnapshots.TenantId, guardrails: [RedactTerm]));

        using var response = await host.Client.SendAsync(GuardedNode.Chat(ChatBody()));

        var text = OutputGuardTests.OpenAIStreamText(await response.Content.ReadAsStringAsync());
        Assert.Equal("Hello from openai! You said: tell me all about [REDACTED] and order 123456 and more words after it", text);
        var usage = await host.WaitForUsageAsync(r => r.Model == "echo");
        Assert.Null(usage.ErrorCode);
        Assert.Contains(usage.Findings!, f => f is { Rule: "codenames", Output: true, Action: DlpActions.Redact, Count: 1 });
    }

    [Fact]
    public async Task MessagesStream_RedactedTermSplitAcrossChunks_Replaced()
    {
        await using var host = await GuardedNode.StartAsync(tenantA: GuardedNode.Policy("secrets", TestSnapshots.TenantId, guardrails: [RedactTerm]));

        using var response = await host.Client.SendAsync(GuardedNode.Messages(MessagesBody()));

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("Hello from openai! You said: tell me all about [REDACTED] and order 123456 and more words after it",
            OutputGuardTests.AnthropicStreamText(body));
        Assert.Contains("message_stop", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatStream_LoggedTerm_PassesAndIsRecorded()
    {
        await using var host = await GuardedNode.StartAsync(tenantA: GuardedNode.Policy("watch", TestSnapshots.TenantId, guardrails: [LogTerm]));

        using var response = await host.Client.SendAsync(GuardedNode.Chat(ChatBody()));

        Assert.EndsWith("You said: " + Prompt, OutputGuardTests.OpenAIStreamText(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var usage = await host.WaitForUsageAsync(r => r.Model == "echo");
        Assert.Contains(usage.Findings!, f => f is { Rule: "watch", Output: true, Action: DlpActions.Log, Count: 1 });
    }

    [Fact]
    public async Task ChatStream_RedactingRegexSplitAcrossChunks_Replaced()
    {
        await using var host = await GuardedNode.StartAsync(tenantA: GuardedNode.Policy("orders", TestSnapshots.TenantId, guardrails: [RedactOrder]));

        using var response = await host.Client.SendAsync(GuardedNode.Chat(ChatBody()));

        var text = OutputGuardTests.OpenAIStreamText(await response.Content.ReadAsStringAsync());
        Assert.Equal("Hello from openai! You said: tell me all about Project Falcon and [REDACTED] and more words after it", text);
        var usage = await host.WaitForUsageAsync(r => r.Model == "echo");
        Assert.Contains(usage.Findings!, f => f is { Rule: "orders", Output: true, Action: DlpActions.Redact, Count: 1 });
    }

    [Fact]
    public async Task MessagesStream_RedactingRegexSplitAcrossChunks_Replaced()
    {
        await using var host = await GuardedNode.StartAsync(tenantA: GuardedNode.Policy("orders", TestSnapshots.TenantId, guardrails: [RedactOrder]));

        using var response = await host.Client.SendAsync(GuardedNode.Messages(MessagesBody()));

        Assert.Equal("Hello from openai! You said: tell me all about Project Falcon and [REDACTED] and more words after it",
            OutputGuardTests.AnthropicStreamText(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task ChatStream_BlockingRegex_StopsWithErrorEventBeforeTheMatch()
    {
        await using var host = await GuardedNode.StartAsync(tenantA: GuardedNode.Policy("orders", TestSnapshots.TenantId, guardrails: [BlockOrder]));

        using var response = await host.Client.SendAsync(GuardedNode.Chat(ChatBody()));

        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("123456", body, StringComparison.Ordinal);
        Assert.DoesNotContain("words after", body, StringComparison.Ordinal);
        var error = body.Split('\n').Single(l => l.StartsWith("data: {\"error\"", StringComparison.Ordinal));
        Assert.Contains("guardrail_blocked", error, StringComparison.Ordinal);
        Assert.Contains("policy 'orders', rule 'orders'", error, StringComparison.Ordinal);
        var usage = await host.WaitForUsageAsync(r => r.Model == "echo");
        Assert.Equal("guardrail_blocked", usage.ErrorCode);
    }

    [Fact]
    public async Task MessagesStream_BlockingRegex_StopsWithErrorEvent()
    {
        await using var host = await GuardedNode.StartAsync(tenantA: GuardedNode.Policy("orders", TestSnapshots.TenantId, guardrails: [BlockOrder]));

        using var response = await host.Client.SendAsync(GuardedNode.Messages(MessagesBody()));

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("123456", body, StringComparison.Ordinal);
        Assert.Contains("event: error", body, StringComparison.Ordinal);
        Assert.Contains("response was blocked by policy 'orders', rule 'orders'", body, StringComparison.Ordinal);
        Assert.DoesNotContain("message_stop", body, StringComparison.Ordinal);
    }

    private static string ChatBody() => $$"""{"model":"echo","stream":true,"messages":[{"role":"user","content":"{{Prompt}}"}]}""";

    private static string MessagesBody() => $$"""{"model":"echo","max_tokens":50,"stream":true,"messages":[{"role":"user","content":"{{Prompt}}"}]}""";
}
