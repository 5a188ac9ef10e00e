using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Features.Egress;
using Switchyard.ControlPlane.Features.Providers;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Governance.External;
using Switchyard.Governance.Policies;
using Switchyard.Shared.Egress;

namespace Switchyard.ControlPlane.Features.Policies;

/// <summary>
/// Asks a policy's external guardrails about a dry run's text from the control plane, as a node would: the same request
/// body (with <c>"dryRun":true</c>), timeout and verdicts (<see cref="ExternalGuardrails"/>), over connections the egress
/// policy allows (<see cref="ControlPlaneEgress"/>: <c>Egress:*</c> and the platform's allow-list), and a moderation rule
/// with its tenant's own credential. The text is sent; it is never logged.
/// </summary>
public sealed class PolicyExternalCheck(
    IOptions<EgressOptions> egress, CredentialProtector credentials, ControlPlaneDbContext db, IServiceScopeFactory scopes)
{
    private readonly EgressAllowList _configured = egress.Value.ToAllowList();

    public async Task<ExternalOutcome> CheckAsync(
        Guid tenantId, IReadOnlyList<CompiledGuardrail> rules, string text, bool output, PolicyFindings findings, CancellationToken cancellationToken)
    {
        var ids = rules.Select(r => r.CredentialId).OfType<Guid>().ToList();
        var secrets = ids.Count == 0
            ? []
            : await db.ProviderCredentials.AsNoTracking().Where(c => c.TenantId == tenantId && ids.Contains(c.Id))
                .ToDictionaryAsync(c => c.Id, c => c.ProtectedSecret, cancellationToken);
        using var invoker = new HttpMessageInvoker(new PlatformEgressHandler(scopes) { InnerHandler = ControlPlaneEgress.CreateHandler(_configured) });
        var client = new ExternalGuardrailClient(() => invoker);
        var who = new ExternalGuardrailContext(tenantId, null, null, null, "dry-run", output, DryRun: true);
        return await ExternalGuardrails.CheckAsync(client, rules, [text], who,
            id => secrets.TryGetValue(id, out var sealedSecret) ? credentials.Unprotect(sealedSecret) : null, findings, cancellationToken);
    }
}
