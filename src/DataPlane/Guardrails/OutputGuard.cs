using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Pipeline;
using Switchyard.DataPlane.Telemetry;
using Switchyard.Governance.Dlp;
using Switchyard.Governance.External;
using Switchyard.Governance.Policies;

namespace Switchyard.DataPlane.Guardrails;

/// <summary>
/// Guards the answer of a request its policies look at (<see cref="GuardState.GuardsOutput"/>): a whole answer is checked
/// before it is returned (a block answers 400 <c>guardrail_blocked</c> instead), a streamed one as it streams through
/// <see cref="GuardedStreamSink"/>; pseudonyms are restored in both. External guardrails that apply to the answer are
/// asked after the built-in rules, on the texts as those left them (placeholders not yet restored): before a whole answer
/// is returned, and when each choice of a stream finishes. Such a request is always answered through the translating path
/// (the upstream's own bytes cannot be rewritten on the way through).
/// </summary>
public sealed class OutputGuard(IOptions<GuardrailOptions> options, ExternalGuardrailClient external, ILogger<OutputGuard> logger)
{
    private readonly int _holdBack = options.Value.StreamHoldBack;

    public static bool Applies(GatewayContext context) => context.Guard is { GuardsOutput: true };

    /// <summary>Checks and rewrites a whole answer in place; returns the error to answer instead when a rule blocks it.</summary>
    public async Task<GatewayError?> CheckAsync(GatewayContext context, ChatRequest request, ChatResponse response)
    {
        var guard = context.Guard!;
        var set = guard.Policies;
        var findings = guard.Findings;
        foreach (var choice in response.Choices)
        {
            if (choice.Text is { } text)
            {
                if (AsksForJson(request))
                {
                    set.CheckJsonOutput(text, findings, SchemaOf(request));
                }

                choice.Text = findings.Block is null ? set.Inspect(text, output: true, findings, null) : text;
            }

            for (var i = 0; i < choice.ToolCalls.Count && findings.Block is null; i++)
            {
                var call = choice.ToolCalls[i];
                choice.ToolCalls[i] = call with { Arguments = set.Inspect(call.Arguments, output: true, findings, null) };
            }
        }

        if (findings.Block is { } block)
        {
            return Blocked(context, block);
        }

        if (set.ExternalOutput.Count > 0)
        {
            var texts = response.Choices.SelectMany(c => (c.Text is { Length: > 0 } t ? [t] : Array.Empty<string>()).Concat(c.ToolCalls.Select(t => t.Arguments))).ToList();
            if (texts.Count > 0)
            {
                var outcome = await CheckExternalAsync(context, texts);
                if (Refusal(context, outcome) is { } refusal)
                {
                    return refusal;
                }

                if (outcome.Redactions is not null)
                {
                    foreach (var choice in response.Choices)
                    {
                        choice.Text = choice.Text is { } text ? outcome.Redact(text) : null;
                        for (var i = 0; i < choice.ToolCalls.Count; i++)
                        {
                            choice.ToolCalls[i] = choice.ToolCalls[i] with { Arguments = outcome.Redact(choice.ToolCalls[i].Arguments) };
                        }
                    }
                }
            }
        }

        if (guard.HasPseudonyms)
        {
            var restorer = new PseudonymRestorer(guard.Pseudonyms);
            foreach (var choice in response.Choices)
            {
                choice.Text = choice.Text is { } text ? restorer.Restore(text) : null;
                for (var i = 0; i < choice.ToolCalls.Count; i++)
                {
                    choice.ToolCalls[i] = choice.ToolCalls[i] with { Arguments = restorer.Restore(choice.ToolCalls[i].Arguments) };
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The sink a streamed answer is written through: released behind the hold-back window, stopped on a violation; when the
    /// request asked for JSON and a json_output rule applies, each choice's text is checked when it finishes, and so it is
    /// by the external guardrails that apply to the answer.
    /// </summary>
    public IChatStreamSink Wrap(GatewayContext context, ChatRequest request, IChatStreamSink inner) =>
        new GuardedStreamSink(context, inner, this, _holdBack, AsksForJson(request) && context.Guard!.Policies.JsonOutput.Count > 0, SchemaOf(request));

    /// <summary>Asks the external guardrails that apply to the answer about <paramref name="texts"/> (failures logged).</summary>
    /// <param name="released">The texts went out already (a stream): redactions can only be recorded.</param>
    internal async Task<ExternalOutcome> CheckExternalAsync(GatewayContext context, IReadOnlyList<string> texts, bool released = false)
    {
        var key = context.Key!;
        var who = new ExternalGuardrailContext(key.TenantId, key.TeamId, key.Id, context.Model, context.Endpoint.Name, Output: true);
        var outcome = await ExternalGuardrails.CheckAsync(
            external, context.Guard!.Policies.ExternalOutput, texts, who, context.Snapshot!.Policies.CredentialSecret, context.Guard.Findings, context.Http.RequestAborted, canRedact: !released);
        foreach (var (rule, reason) in outcome.Failures)
        {
            DataPlaneLog.ExternalGuardrailFailed(logger, key.Id, rule.Policy, rule.Name, reason, rule.FailOpen);
        }

        return outcome;
    }

    /// <summary>The error an external outcome answers instead of the answer (a block, or a fail-closed rule unavailable); null to go on.</summary>
    internal GatewayError? Refusal(GatewayContext context, ExternalOutcome outcome)
    {
        if (outcome.Block is { } block)
        {
            return Blocked(context, block);
        }

        if (outcome.Unavailable is not { } unavailable)
        {
            return null;
        }

        return GuardrailErrors.ExternalUnavailable(unavailable.Policy, unavailable.Rule, unavailable.Detail!, output: true);
    }

    private static bool AsksForJson(ChatRequest request) => request.ResponseFormat?.Kind is ResponseFormatKind.JsonObject or ResponseFormatKind.JsonSchema;

    private static System.Text.Json.JsonElement? SchemaOf(ChatRequest request) =>
        request.ResponseFormat is { Kind: ResponseFormatKind.JsonSchema, Schema: { } schema } ? schema : null;

    internal GatewayError Blocked(GatewayContext context, PolicyBlock block)
    {
        context.Guard!.Findings.Blocked(block, output: true);
        DataPlaneLog.GuardrailBlocked(logger, "response", context.Key!.Id, context.Endpoint.Name, block.Policy, block.Rule);
        return GuardrailErrors.Blocked(block, output: true);
    }
}
