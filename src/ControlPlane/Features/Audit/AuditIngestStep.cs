using System.Text.Json;
using Switchyard.ControlPlane.Features.Usage;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Audit;

/// <summary>
/// Writes the audit entry of every newly stored usage record that carries audit data, in the transaction that stored the
/// record (<see cref="IUsageIngestStep"/>): an entry exists exactly when its record does — a redelivered batch adds
/// nothing, a failure here rolls both back. Entries join their tenant's chain for the node that served them, in record
/// id (time) order; bodies are encrypted with the tenant's data key.
/// </summary>
public sealed class AuditIngestStep(AuditBodyCipher cipher) : IUsageIngestStep
{
    public async Task OnStoredAsync(ControlPlaneDbContext db, IReadOnlyList<UsageRecordEntity> stored, CancellationToken cancellationToken)
    {
        var chains = stored.Where(r => r.Audit is { Mode: AuditModes.Full or AuditModes.Metadata })
            .GroupBy(r => (r.TenantId, r.NodeId))
            .OrderBy(g => g.Key.TenantId).ThenBy(g => g.Key.NodeId, StringComparer.Ordinal)
            .ToList();
        if (chains.Count == 0)
        {
            return;
        }

        foreach (var chain in chains)
        {
            var head = await AuditChains.LockAsync(db, chain.Key.TenantId, AuditChainKinds.Requests, chain.Key.NodeId, cancellationToken);
            foreach (var record in chain.OrderBy(r => r.Id))
            {
                var entry = await EntryAsync(db, record, cancellationToken);
                AuditChains.Append(head, entry);
                db.Set<AuditRequestEntry>().Add(entry);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<AuditRequestEntry> EntryAsync(ControlPlaneDbContext db, UsageRecordEntity record, CancellationToken cancellationToken)
    {
        var audit = record.Audit!;
        var entry = new AuditRequestEntry
        {
            Id = record.Id,
            TenantId = record.TenantId,
            NodeId = record.NodeId,
            Timestamp = AuditHashing.Storable(record.Timestamp),
            TeamId = record.TeamId,
            KeyId = record.KeyId,
            Endpoint = record.Endpoint,
            Model = record.Model,
            DeploymentId = record.DeploymentId,
            ProviderKind = record.ProviderKind,
            UpstreamModel = record.UpstreamModel,
            Stream = record.Stream,
            StatusCode = record.StatusCode,
            ErrorCode = record.ErrorCode,
            PromptTokens = record.PromptTokens,
            CompletionTokens = record.CompletionTokens,
            CostMicros = record.CostMicros,
            Findings = record.Findings is { Count: > 0 } findings ? JsonSerializer.Serialize(findings, SwitchyardJson.Options) : null,
            Mode = audit.Mode,
            RequestSha256 = Hex(audit.RequestSha256),
            ResponseSha256 = Hex(audit.ResponseSha256),
            RequestBytes = Math.Max(0, audit.RequestBytes),
            ResponseBytes = Math.Max(0, audit.ResponseBytes),
        };

        if (audit.Mode == AuditModes.Full && (audit.RequestBody is not null || audit.ResponseBody is not null))
        {
            var (keyId, key) = await cipher.KeyForAsync(db, record.TenantId, cancellationToken);
            entry.BodyKeyId = keyId;
            entry.RequestBody = audit.RequestBody is { } request ? AuditBodyCipher.Encrypt(key, entry.Id, request) : null;
            entry.ResponseBody = audit.ResponseBody is { } response ? AuditBodyCipher.Encrypt(key, entry.Id, response) : null;
        }

        return entry;
    }

    /// <summary>A SHA-256 as the node sends it (64 hex digits); anything else is stored as "" rather than failing the batch.</summary>
    private static string Hex(string? value) =>
        value is { Length: 64 } && value.All(char.IsAsciiHexDigitLower) ? value : "";
}
