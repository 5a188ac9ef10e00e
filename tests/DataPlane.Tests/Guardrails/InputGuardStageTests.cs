using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Governance;

namespace Switchyard.DataPlane.Tests.Guardrails;

/// <summary>The input guard through a running node: what the fake upstream received proves what never left the node.</summary>
public sealed class InputGuardStageTests
{
    private const string Email = "jane.doe@example.com";

    [Fact]
    public async Task Chat_EmailRedactRule_UpstreamReceivesLabelAndUsageHasFinding()
    {
        var policy = GuardedNode.Policy("pii", TestSnapshots.TenantId, dlp: [new DlpRule(DlpDetectors.Email, DlpActions.Redact)]);
        await using var host = await GuardedNode.StartAsync(tenantA: policy);

        using var response = await host.Client.SendAsync(GuardedNode.Chat(
            $$"""{"model":"echo","messages":[{"role":"system","content":"Reply to {{Email}}"},{"role":"user","content":[{"type":"text","text":"Mail {{Email}} now"}]}]}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(GuardedNode.Received(host)).Body;
        Assert.DoesNotContain(Email, sent, StringComparison.Ordinal);
        Assert.Contains("Mail [EMAIL] now", sent, StringComparison.Ordinal);
        Assert.Contains("Reply to [EMAIL]", sent, StringComparison.Ordinal);
        var usage = await host.WaitForUsageAsync(r => r.Model == "echo");
        var finding = Assert.Single(usage.Findings!);
        Assert.Equal(("pii", "email", 2, "redact", false), (finding.Policy, finding.Rule, finding.Count, finding.Action, finding.Output));
    }

    [Fact]
    public async Task Chat_BannedTermInToolCallArguments_Answers400NamingPolicyAndRuleNothingSent()
    {
        var policy = GuardedNode.Policy("secrets", TestSnapshots.TenantId,
            guardrails: [new GuardrailRule(GuardrailTypes.BannedTerms, Name: "codenames", Terms: ["Project Falcon"])]);
        await using var host = await GuardedNode.StartAsync(tenantA: policy);

        using var response = await host.Client.SendAsync(GuardedNode.Chat("""
            {"model":"echo","messages":[{"role":"user","content":"hi"},
             {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"lookup","arguments":"{\"q\":\"PROJECT   falcon status\"}"}}]},
             {"role":"tool","tool_call_id":"c1","content":"ok"}]}
            """));

        var error = await ErrorAssert.IsOpenAIErrorAsync(response, HttpStatusCode.BadRequest, "guardrail_blocked");
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains("'secrets'", message, StringComparison.Ordinal);
        Assert.Contains("'codenames'", message, StringComparison.Ordinal);
        Assert.DoesNotContain("falcon", message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(GuardedNode.Received(host));
        var usage = await host.WaitForUsageAsync(r => r.Model == "echo");
        Assert.Equal("guardrail_blocked", usage.ErrorCode);
        Assert.Equal("codenames", Assert.Single(usage.Findings!).Rule);
    }

    [Fact]
    public async Task Messages_SecretInToolResult_Answers400AnthropicShapeNothingSent()
    {
        var policy = GuardedNode.Policy("keys", TestSnapshots.TenantId, dlp: [new DlpRule(DlpDetectors.Secret, DlpActions.Block)]);
        await using var host = await GuardedNode.StartAsync(tenantA: policy);

        using var response = await host.Client.SendAsync(GuardedNode.Messages("""
            {"model":"echo","max_tokens":50,"messages":[
              {"role":"user","content":"look it up"},
              {"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"env","input":{"name":"OPENAI"}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":[{"type":"text","text":"OPENAI_API_KEY=sk-proj-Abcdefghijklmnopqrstuvwxyz0123456789ABCD"}]}]}]}
            """));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("error", body.GetProperty("type").GetString());
        Assert.Equal("invalid_request_error", body.GetProperty("error").GetProperty("type").GetString());
        var message = body.GetProperty("error").GetProperty("message").GetString()!;
        Assert.Contains("policy 'keys', rule 'secret'", message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-proj", message, StringComparison.Ordinal);
        Assert.Empty(GuardedNode.Received(host));
    }

    [Fact]
    public async Task Messages_EmailInSystemAndToolUseInput_MaskedBeforeUpstream()
    {
        var policy = GuardedNode.Policy("pii", TestSnapshots.TenantId, dlp: [new DlpRule(DlpDetectors.Email, DlpActions.Mask)]);
        await using var host = await GuardedNode.StartAsync(tenantA: policy);

        using var response = await host.Client.SendAsync(GuardedNode.Messages($$$"""
            {"model":"echo","max_tokens":50,"system":"Owner: {{{Email}}}","messages":[
              {"role":"user","content":"find"},
              {"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"crm","input":{"filter":[{"email":"{{{Email}}}"}]}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"found {{{Email}}}"}]}]}
            """));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(GuardedNode.Received(host)).Body;
        Assert.DoesNotContain(Email, sent, StringComparison.Ordinal);
        Assert.Contains("j***@example.com", sent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embeddings_CardNumberRedacted_UpstreamReceivesLabel()
    {
        var policy = GuardedNode.Policy("pci", TestSnapshots.TenantId, dlp: [new DlpRule(DlpDetectors.PaymentCard, DlpActions.Redact)]);
        await using var host = await GuardedNode.StartAsync(tenantA: policy);

        using var response = await host.Client.SendAsync(GuardedNode.Post("/v1/embeddings",
            """{"model":"embed","input":["card 4111 1111 1111 1111 on file","nothing here"]}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(GuardedNode.Received(host)).Body;
        Assert.DoesNotContain("4111 1111", sent, StringComparison.Ordinal);
        Assert.Contains("card [PAYMENT_CARD] on file", sent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoTenants_DifferentPolicies_EachHeldOnlyToItsOwn()
    {
        var policyA = GuardedNode.Policy("a-terms", TestSnapshots.TenantId, guardrails: [new GuardrailRule(GuardrailTypes.BannedTerms, Terms: ["quarterly forecast"])]);
        var policyB = GuardedNode.Policy("b-pii", GuardedNode.TenantB, dlp: [new DlpRule(DlpDetectors.Email, DlpActions.Redact)]);
        await using var host = await GuardedNode.StartAsync(tenantA: policyA, tenantB: policyB);
        var text = $$"""{"model":"echo","messages":[{"role":"user","content":"The quarterly forecast goes to {{Email}}"}]}""";

        using var fromA = await host.Client.SendAsync(GuardedNode.Chat(text));
        using var fromB = await host.Client.SendAsync(GuardedNode.Chat(text, GuardedNode.KeyB));

        await ErrorAssert.IsOpenAIErrorAsync(fromA, HttpStatusCode.BadRequest, "guardrail_blocked");
        Assert.Equal(HttpStatusCode.OK, fromB.StatusCode);
        var sent = Assert.Single(GuardedNode.Received(host)).Body;
        Assert.Contains("quarterly forecast goes to [EMAIL]", sent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_TeamAndKeyPolicies_StrictestActionWins()
    {
        var lenient = GuardedNode.Policy("log-only", TestSnapshots.TenantId, dlp: [new DlpRule(DlpDetectors.Email, DlpActions.Log)]);
        var strict = GuardedNode.Policy("team-block", TestSnapshots.TenantId, dlp: [new DlpRule(DlpDetectors.Email, DlpActions.Block)]);
        await using var host = await DataPlaneTestHost.StartAsync(customize: s => s with
        {
            Tenants = [.. s.Tenants.Select(t => t.Id == TestSnapshots.TenantId ? t with { DefaultPolicyId = lenient.Id } : t)],
            Teams = [.. s.Teams.Select(t => t with { PolicyIds = [strict.Id] })],
            Policies = [lenient, strict],
        });

        using var response = await host.Client.SendAsync(GuardedNode.Chat($$"""{"model":"gpt-mock","messages":[{"role":"user","content":"to {{Email}}"}]}"""));

        var error = await ErrorAssert.IsOpenAIErrorAsync(response, HttpStatusCode.BadRequest, "guardrail_blocked");
        Assert.Contains("'team-block'", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_KeyUseCaseOutsidePolicy_Answers403NamingUseCaseAndModel()
    {
        var policy = GuardedNode.Policy("models", TestSnapshots.TenantId,
            useCases: new Dictionary<string, IReadOnlyList<string>> { ["customer-support"] = ["gpt-mock"] });
        await using var host = await GuardedNode.StartAsync(tenantA: policy, useCase: "customer-support");

        using var outside = await host.Client.SendAsync(GuardedNode.Chat("""{"model":"echo","messages":[{"role":"user","content":"hi"}]}"""));
        using var inside = await host.Client.SendAsync(GuardedNode.Chat("""{"model":"gpt-mock","messages":[{"role":"user","content":"hi"}]}"""));

        var error = await ErrorAssert.IsOpenAIErrorAsync(outside, HttpStatusCode.Forbidden, "model_not_allowed_for_use_case");
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains("customer-support", message, StringComparison.Ordinal);
        Assert.Contains("'echo'", message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, inside.StatusCode);
        Assert.Empty(GuardedNode.Received(host));
    }

    [Fact]
    public async Task Messages_KeyUseCaseOutsidePolicy_Answers403PermissionError()
    {
        var policy = GuardedNode.Policy("models", TestSnapshots.TenantId,
            useCases: new Dictionary<string, IReadOnlyList<string>> { ["code-assistant"] = ["gpt-mock"] });
        await using var host = await GuardedNode.StartAsync(tenantA: policy);

        using var response = await host.Client.SendAsync(GuardedNode.Messages("""{"model":"echo","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}"""));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("permission_error", body.GetProperty("error").GetProperty("type").GetString());
        Assert.Contains("without a use case", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_MaxInputTokensExceeded_Answers400()
    {
        var policy = GuardedNode.Policy("size", TestSnapshots.TenantId, guardrails: [new GuardrailRule(GuardrailTypes.MaxInputTokens, MaxTokens: 10)]);
        await using var host = await GuardedNode.StartAsync(tenantA: policy);

        using var small = await host.Client.SendAsync(GuardedNode.Chat("""{"model":"echo","messages":[{"role":"user","content":"short"}]}"""));
        using var large = await host.Client.SendAsync(GuardedNode.Chat($$"""{"model":"echo","messages":[{"role":"user","content":"{{new string('x', 200)}}"}]}"""));

        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
        var error = await ErrorAssert.IsOpenAIErrorAsync(large, HttpStatusCode.BadRequest, "guardrail_blocked");
        Assert.Contains("max_input_tokens", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_PolicyLeftOutAsInvalid_RefusedWith503OtherTenantServed()
    {
        var invalid = GuardedNode.Policy("broken", TestSnapshots.TenantId, dlp: [new DlpRule("passport", DlpActions.Redact)]);
        var valid = GuardedNode.Policy("fine", GuardedNode.TenantB, dlp: [new DlpRule(DlpDetectors.Email, DlpActions.Redact)]);
        await using var host = await GuardedNode.StartAsync(tenantA: invalid, tenantB: valid);

        using var fromA = await host.Client.SendAsync(GuardedNode.Chat("""{"model":"echo","messages":[{"role":"user","content":"hi"}]}"""));
        using var fromB = await host.Client.SendAsync(GuardedNode.Chat("""{"model":"echo","messages":[{"role":"user","content":"hi"}]}""", GuardedNode.KeyB));

        await ErrorAssert.IsOpenAIErrorAsync(fromA, HttpStatusCode.ServiceUnavailable, "policy_unavailable");
        Assert.Equal(HttpStatusCode.OK, fromB.StatusCode);
        var rejected = host.Services.GetRequiredService<Switchyard.DataPlane.Configuration.SnapshotStore>().Current!.Rejected;
        Assert.Contains(rejected, r => r.Kind == "policy" && r.Id == invalid.Id && r.Reason.Contains("dlp[0].detector", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Chat_NoPolicies_PassThroughUnchanged()
    {
        await using var host = await GuardedNode.StartAsync();
        var body = $$"""{"model":"echo","messages":[{"role":"user","content":"to {{Email}}"}]}""";

        using var response = await host.Client.SendAsync(GuardedNode.Chat(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Email, Assert.Single(GuardedNode.Received(host)).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_PolicyRequiresRegion_OnlyThatRegionsDeploymentServesOrClear403()
    {
        var eu = GuardedNode.Policy("eu-only", TestSnapshots.TenantId) with { Regions = ["eu-west"] };
        await using var host = await DataPlaneTestHost.StartAsync(customize: s =>
        {
            var root = s.Routes.First(r => r.PublicModel == "basic").Deployments[0].BaseUrl![..^"/v1".Length];
            var snapshot = s.AddRoute("echo", Shared.Configuration.ProviderKinds.OpenAI, "gpt-echo", root + "/openai/v1", GuardedNode.OpenAIKey);
            var echo = snapshot.Routes.Single(r => r.PublicModel == "echo");
            var us = echo.Deployments[0] with { Region = "us-east", UpstreamModel = "gpt-us" };
            var inEu = echo.Deployments[0] with { Id = Guid.CreateVersion7(), Region = "eu-west", Weight = 1 };
            return snapshot with
            {
                Tenants = [.. snapshot.Tenants.Select(t => t.Id == TestSnapshots.TenantId ? t with { DefaultPolicyId = eu.Id } : t)],
                Routes = [.. snapshot.Routes.Select(r => r.Id == echo.Id ? r with { Deployments = [us with { Weight = 1000 }, inEu] } : r)],
                Policies = [eu],
            };
        });

        for (var i = 0; i < 3; i++)
        {
            using var served = await host.Client.SendAsync(GuardedNode.Chat("""{"model":"echo","messages":[{"role":"user","content":"hi"}]}"""));
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        }

        using var nowhere = await host.Client.SendAsync(GuardedNode.Chat("""{"model":"gpt-mock","messages":[{"role":"user","content":"hi"}]}"""));
        var error = await ErrorAssert.IsOpenAIErrorAsync(nowhere, HttpStatusCode.Forbidden, "region_not_allowed");
        Assert.Contains("eu-west", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        // The us-east deployment (weighted 1000:1) never received a request.
        Assert.All(GuardedNode.Received(host), r => Assert.Equal("gpt-echo", (string?)r.Json["model"]));
        Assert.Equal(3, GuardedNode.Received(host).Count);
    }
}
