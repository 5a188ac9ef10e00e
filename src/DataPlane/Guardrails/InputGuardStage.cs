using System.Text.Json;
using Switchyard.DataPlane.Dialects.Anthropic;
using Switchyard.DataPlane.Gateway;
using Switchyard.DataPlane.Pipeline;
using Switchyard.DataPlane.Telemetry;
using Switchyard.DataPlane.Chat;
using Switchyard.Governance.External;
using Switchyard.Governance.Policies;
using Switchyard.Shared.Governance;

namespace Switchyard.DataPlane.Guardrails;

/// <summary>
/// Holds a request to every policy of its tenant that applies (the tenant's default, the key's team's, the key's; the
/// strictest action wins), before any provider sees it: the use-case model rules (403 naming use case and model), the
/// input-size limit, then every text the model would read (<see cref="RequestTextRewriter"/>) through the guardrails and
/// DLP rules. A block answers 400 <c>guardrail_blocked</c> in the caller's dialect, naming the policy and rule and never
/// the content; redact, mask and pseudonymize rewrite the body the later stages forward. A request no policy applies to
/// costs three null checks. External guardrails (<see cref="ExternalGuardrails"/>) are called last, all at once, on
/// the texts as the built-in rules left them.
/// </summary>
public sealed class InputGuardStage(ExternalGuardrailClient external, ILogger<InputGuardStage> logger) : IGatewayStage
{
    public string Name => "guard-input";

    public int Order => GatewayStageOrder.GuardInput;

    public async ValueTask<bool> RunAsync(GatewayContext context)
    {
        var snapshot = context.Snapshot!;
        if (snapshot.Policies.IsEmpty)
        {
            return true;
        }

        var key = context.Key!;
        var applying = snapshot.Policies.For(key, snapshot.Teams.GetValueOrDefault(key.TeamId), snapshot.Tenants.GetValueOrDefault(key.TenantId));
        if (applying.MissingPolicy is { } missing)
        {
            DataPlaneLog.PolicyUnavailable(logger, key.Id, missing);
            await context.Dialect.WriteErrorAsync(context.Http, GuardrailErrors.Unavailable());
            return false;
        }

        if (applying.Set is not { } set)
        {
            return true;
        }

        var guard = new GuardState(set);
        context.Guarded(guard);
        if (set.CheckUseCase(key.UseCase, context.Model) is { } outside)
        {
            DataPlaneLog.GuardrailBlocked(logger, "request", key.Id, context.Endpoint.Name, outside.Policy, outside.Rule);
            guard.Findings.Add(outside.Policy, outside.Rule, DlpActions.Block, output: false);
            await context.Dialect.WriteErrorAsync(context.Http, GuardrailErrors.UseCase(outside));
            return false;
        }

        if (set.Regions is not null && context.Route is { } route && !route.Deployments.Any(d => set.AllowsRegion(d.Snapshot.Region)))
        {
            DataPlaneLog.GuardrailBlocked(logger, "request", key.Id, context.Endpoint.Name, set.RegionPolicy!, "regions");
            await context.Dialect.WriteErrorAsync(context.Http, GuardrailErrors.Region(set.RegionPolicy!, set.Regions, context.Model));
            return false;
        }

        var shape = context.Endpoint.Name == EmbeddingsEndpoint.EndpointName
            ? RequestTextRewriter.Shape.Embeddings
            : context.Dialect is AnthropicDialect ? RequestTextRewriter.Shape.AnthropicMessages : RequestTextRewriter.Shape.OpenAIChat;
        var characters = 0;
        var findings = guard.Findings;
        // The texts as the built-in rules leave them, for the external guardrails.
        var texts = set.ExternalInput.Count > 0 ? new List<string>() : null;
        byte[]? rewritten;
        try
        {
            rewritten = RequestTextRewriter.Rewrite(context.Body.Span, shape, text =>
            {
                characters += text.Length;
                var inspected = findings.Block is null ? set.Inspect(text, output: false, findings, guard.Pseudonyms) : text;
                texts?.Add(inspected);
                return inspected;
            });
        }
        catch (JsonException)
        {
            // The parse stage accepted the body, so this does not happen; refuse rather than let unchecked text through.
            await context.Dialect.WriteErrorAsync(context.Http, GatewayError.InvalidRequest("The request body is not valid JSON.", null, "invalid_body"));
            return false;
        }

        if (findings.Block is null)
        {
            set.CheckInputTokens((characters + 3) / 4, findings);
        }

        if (findings.Block is { } block)
        {
            DataPlaneLog.GuardrailBlocked(logger, "request", key.Id, context.Endpoint.Name, block.Policy, block.Rule);
            await context.Dialect.WriteErrorAsync(context.Http, GuardrailErrors.Blocked(block, output: false));
            return false;
        }

        if (texts is { Count: > 0 })
        {
            var body = rewritten ?? context.Body;
            var (refusal, redactions) = await CheckExternalAsync(context, set, texts, findings);
            if (refusal is not null)
            {
                await context.Dialect.WriteErrorAsync(context.Http, refusal);
                return false;
            }

            if (redactions is not null)
            {
                rewritten = RequestTextRewriter.Rewrite(body.Span, shape, redactions.Redact) ?? rewritten;
            }
        }

        if (findings.Count > 0)
        {
            DataPlaneLog.GuardrailFindings(logger, key.Id, findings.Count, rewritten is not null);
        }

        if (rewritten is not null)
        {
            if (context.Endpoint.Read(rewritten, out var error) is not { } summary)
            {
                await context.Dialect.WriteErrorAsync(context.Http, error!);
                return false;
            }

            context.BodyRewritten(rewritten, summary);
        }

        return true;
    }

    /// <summary>
    /// Asks every external guardrail of the request at once (<see cref="ExternalGuardrails"/>): a block answers 400 like any
    /// guardrail, a failed call 503 unless the rule fails open; otherwise the redactions to apply.
    /// </summary>
    private async Task<(GatewayError? Refusal, ExternalOutcome? Redactions)> CheckExternalAsync(
        GatewayContext context, PolicySet set, List<string> texts, PolicyFindings findings)
    {
        var key = context.Key!;
        var policies = context.Snapshot!.Policies;
        var who = new ExternalGuardrailContext(key.TenantId, key.TeamId, key.Id, context.Model, context.Endpoint.Name);
        var outcome = await ExternalGuardrails.CheckAsync(external, set.ExternalInput, texts, who, policies.CredentialSecret, findings, context.Http.RequestAborted);
        foreach (var (rule, reason) in outcome.Failures)
        {
            DataPlaneLog.ExternalGuardrailFailed(logger, key.Id, rule.Policy, rule.Name, reason, rule.FailOpen);
        }

        if (outcome.Unavailable is { } unavailable)
        {
            return (GuardrailErrors.ExternalUnavailable(unavailable.Policy, unavailable.Rule, unavailable.Detail!, output: false), null);
        }

        if (outcome.Block is { } block)
        {
            DataPlaneLog.GuardrailBlocked(logger, "request", key.Id, context.Endpoint.Name, block.Policy, block.Rule);
            return (GuardrailErrors.Blocked(block, output: false), null);
        }

        return (null, outcome.Redactions is null ? null : outcome);
    }
}
