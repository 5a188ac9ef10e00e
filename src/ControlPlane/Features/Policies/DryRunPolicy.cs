using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Governance.Dlp;
using Switchyard.Governance.Policies;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Governance;

namespace Switchyard.ControlPlane.Features.Policies;

/// <summary>
/// POST /api/tenants/{tenantId}/policies/{policyId}/dry-run (tenant members): evaluates the saved policy against a text with
/// the same engine the nodes run (no node involved) and answers whether it would be blocked and by which rule, the text
/// as it would go on (redacted, masked or with placeholders), and the findings by rule — so rules can be tried before a
/// team or key is held to them. External guardrails are asked only with <c>"external":true</c> (it sends the text out, see
/// <see cref="PolicyExternalCheck"/>): after the built-in rules, on the text as they left it, like a node; their findings
/// carry the guardrail's block detail or why it could not be asked, and a fail-closed rule that could not be asked blocks.
/// Asking them makes the control plane call out with the tenant's credentials, so only tenant admins and platform admins
/// may set <c>"external":true</c>; other members get 403 naming <c>external</c> (the built-in rules stay open to them).
/// The text is not stored or logged.
/// </summary>
public static class DryRunPolicy
{
    public const int MaxTextLength = 100_000;

    public static async Task<Results<Ok<PolicyDryRunResult>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid tenantId, Guid policyId, PolicyDryRunRequest request, Caller caller, ControlPlaneDbContext db, PolicyExternalCheck external, CancellationToken cancellationToken)
    {
        if (request.External && !caller.IsTenantAdmin)
        {
            return Problems.Forbidden(
                "Only a tenant admin or a platform admin can set external: true (it makes the control plane call the external guardrails with the tenant's credentials); "
                + "leave it out to try the built-in rules.",
                "external");
        }

        var errors = new ValidationErrors();
        if (request.Text is null || request.Text.Length > MaxTextLength)
        {
            errors.Add("text", $"The text field is required and at most {MaxTextLength} characters.");
        }

        if (request.Direction is not (null or GuardrailTypes.Input or GuardrailTypes.Output))
        {
            errors.Add("direction", "The direction field must be input or output.");
        }

        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var policy = await db.Policies.AsNoTracking().FindOwnedAsync(tenantId, policyId, "The policy", cancellationToken);
        if (policy.IsMissing)
        {
            return policy.NotFound;
        }

        if (CompiledPolicy.TryCompile(policy.Row.ToSnapshot(), out var invalid) is not { } compiled)
        {
            return new ValidationErrors().Add("policy.", invalid).ToProblem();
        }

        var output = request.Direction == GuardrailTypes.Output;
        var set = new PolicySet([compiled]);
        var findings = new PolicyFindings();
        if (!output)
        {
            set.CheckInputTokens((request.Text!.Length + 3) / 4, findings);
        }
        else
        {
            set.CheckJsonOutput(request.Text!, findings);
        }

        var text = findings.Block is null ? set.Inspect(request.Text!, output, findings, new PseudonymMap()) : request.Text!;
        var block = findings.Block;
        string? message = block?.Message(output);
        var details = new Dictionary<string, string>(StringComparer.Ordinal);
        var rules = output ? set.ExternalOutput : set.ExternalInput;
        if (request.External && block is null && rules.Count > 0 && text.Length > 0)
        {
            var outcome = await external.CheckAsync(tenantId, rules, text, output, findings, cancellationToken);
            foreach (var (rule, reason) in outcome.Failures)
            {
                details[rule.Name] = reason;
            }

            if (outcome.Block is { } refused)
            {
                block = refused;
                message = refused.Message(output);
                if (refused.Detail is { } detail)
                {
                    details[refused.Rule] = detail;
                }
            }
            else if (outcome.Unavailable is { } unavailable)
            {
                block = unavailable;
                message = $"Policy '{unavailable.Policy}', rule '{unavailable.Rule}' could not check the {(output ? "response" : "request")} ({unavailable.Detail}); it fails closed, so the {(output ? "response would be withheld" : "request would not be sent")}.";
            }
            else
            {
                text = outcome.Redact(text);
            }
        }

        var byRule = (findings.ToUsage() ?? []).Select(f => new PolicyDryRunFinding(f.Rule, f.Count, f.Action, details.GetValueOrDefault(f.Rule))).ToArray();
        return TypedResults.Ok(new PolicyDryRunResult(block is not null, block?.Rule, message, block is null ? text : null, byRule));
    }
}
