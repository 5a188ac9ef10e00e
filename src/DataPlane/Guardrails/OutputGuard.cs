using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Pipeline;
using Switchyard.DataPlane.Telemetry;
using Switchyard.Governance.Dlp;

namespace Switchyard.DataPlane.Guardrails;

/// <summary>
/// Guards the answer of a request its policies look at (<see cref="GuardState.GuardsOutput"/>): a whole answer is checked
/// before it is returned (a block answers 400 <c>guardrail_blocked</c> instead), a streamed one as it streams through
/// <see cref="GuardedStreamSink"/>; pseudonyms are restored in both. Such a request is always answered through the
/// translating path (the upstream's own bytes cannot be rewritten on the way through).
/// </summary>
public sealed class OutputGuard(IOptions<GuardrailOptions> options, ILogger<OutputGuard> logger)
{
    private readonly int _holdBack = options.Value.StreamHoldBack;

    public static bool Applies(GatewayContext context) => context.Guard is { GuardsOutput: true };

    /// <summary>Checks and rewrites a whole answer in place; returns the error to answer instead when a rule blocks it.</summary>
    public GatewayError? Check(GatewayContext context, ChatRequest request, ChatResponse response)
    {
        var guard = context.Guard!;
        var set = guard.Policies;
        var findings = guard.Findings;
        var restorer = guard.HasPseudonyms ? new PseudonymRestorer(guard.Pseudonyms) : null;
        foreach (var choice in response.Choices)
        {
            if (choice.Text is { } text)
            {
                if (AsksForJson(request))
                {
                    set.CheckJsonOutput(text, findings, SchemaOf(request));
                }

                text = findings.Block is null ? set.Inspect(text, output: true, findings, null) : text;
                choice.Text = restorer?.Restore(text) ?? text;
            }

            for (var i = 0; i < choice.ToolCalls.Count && findings.Block is null; i++)
            {
                var call = choice.ToolCalls[i];
                var arguments = set.Inspect(call.Arguments, output: true, findings, null);
                choice.ToolCalls[i] = call with { Arguments = restorer?.Restore(arguments) ?? arguments };
            }
        }

        return findings.Block is { } block ? Blocked(context, block) : null;
    }

    /// <summary>
    /// The sink a streamed answer is written through: released behind the hold-back window, stopped on a violation; when the
    /// request asked for JSON and a json_output rule applies, each choice's text is checked when it finishes.
    /// </summary>
    public IChatStreamSink Wrap(GatewayContext context, ChatRequest request, IChatStreamSink inner) =>
        new GuardedStreamSink(context, inner, this, _holdBack, AsksForJson(request) && context.Guard!.Policies.JsonOutput.Count > 0, SchemaOf(request));

    private static bool AsksForJson(ChatRequest request) => request.ResponseFormat?.Kind is ResponseFormatKind.JsonObject or ResponseFormatKind.JsonSchema;

    private static System.Text.Json.JsonElement? SchemaOf(ChatRequest request) =>
        request.ResponseFormat is { Kind: ResponseFormatKind.JsonSchema, Schema: { } schema } ? schema : null;

    internal GatewayError Blocked(GatewayContext context, Governance.Policies.PolicyBlock block)
    {
        context.Guard!.Findings.Blocked(block, output: true);
        DataPlaneLog.GuardrailBlocked(logger, "response", context.Key!.Id, context.Endpoint.Name, block.Policy, block.Rule);
        return GuardrailErrors.Blocked(block, output: true);
    }
}
