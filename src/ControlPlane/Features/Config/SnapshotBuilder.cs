using System.Data;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Switchyard.ControlPlane.Features.Catalog;
using Switchyard.ControlPlane.Features.Egress;
using Switchyard.ControlPlane.Features.Pricing;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Config;

/// <summary>
/// Builds the latest revision's <see cref="ConfigSnapshot"/> from the database in one consistent read: every tenant,
/// team, key (revoked ones too, with their status), route, credential (secret sealed) and the platform's egress allow-list, each list ordered by id so equal
/// content always serialises to equal bytes. Each deployment carries its model's capabilities (the admin's override, else the
/// built-in <see cref="ModelCatalog"/>), its routing fields and its effective price (<see cref="PriceBook"/>, the prices in effect
/// when the revision was created, so a price change is a new revision); each route its fallbacks and resilience settings (null when unset,
/// so a route that uses none of them serialises, and hashes, as before they existed). Stores the hash on the revision row.
/// </summary>
public sealed class SnapshotBuilder(SnapshotSecretSealer sealer)
{
    private const int Attempts = 3;

    /// <summary>
    /// Builds in one transaction. Two builds racing to store the same revision's hash (the publisher and a node's fetch)
    /// make PostgreSQL fail the later one's repeatable-read transaction (40001): that one is simply built again.
    /// </summary>
    public async Task<PublishedSnapshot> BuildAsync(ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await BuildOnceAsync(db, cancellationToken);
            }
            catch (Exception ex) when (attempt < Attempts && IsSerializationFailure(ex))
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private static bool IsSerializationFailure(Exception? exception) =>
        ExceptionChain.Find<PostgresException>(exception) is { SqlState: PostgresErrorCodes.SerializationFailure };

    private async Task<PublishedSnapshot> BuildOnceAsync(ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        await using var transaction = db.Database.IsNpgsql()
            ? await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken)
            : await db.Database.BeginTransactionAsync(cancellationToken);

        var revision = await db.ConfigRevisions.AsNoTracking().OrderByDescending(r => r.Revision).FirstOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException("No config revision exists yet.");
        var tenants = await db.Tenants.AsNoTracking().ToListAsync(cancellationToken);
        var teams = await db.Teams.AsNoTracking().IgnoreQueryFilters().ToListAsync(cancellationToken);
        var keys = await db.VirtualKeys.AsNoTracking().IgnoreQueryFilters().ToListAsync(cancellationToken);
        var routes = await db.ModelRoutes.AsNoTracking().IgnoreQueryFilters().ToListAsync(cancellationToken);
        var credentials = await db.ProviderCredentials.AsNoTracking().IgnoreQueryFilters().ToListAsync(cancellationToken);
        var policies = await db.Policies.AsNoTracking().IgnoreQueryFilters().ToListAsync(cancellationToken);
        var egress = await db.PlatformEgressPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.Id == PlatformEgressPolicy.SingletonId, cancellationToken);
        var approved = await db.ApprovedModels.AsNoTracking().ToListAsync(cancellationToken);
        var billing = await db.TenantBillingStates.AsNoTracking().IgnoreQueryFilters().ToDictionaryAsync(b => b.TenantId, b => b.Status, cancellationToken);
        var prices = new PriceBook(
            await db.ModelPrices.AsNoTracking().ToListAsync(cancellationToken),
            await db.TenantPricing.AsNoTracking().IgnoreQueryFilters().ToListAsync(cancellationToken),
            revision.CreatedAt);

        var snapshot = new ConfigSnapshot
        {
            Revision = revision.Revision,
            Tenants = tenants.OrderBy(t => t.Id).Select(t => new TenantSnapshot(
                t.Id, t.Name, t.Active, t.Limits, t.DefaultPolicyId, t.Budget, t.TimeZone, billing.TryGetValue(t.Id, out var standing) ? standing : null, t.Audit)).ToArray(),
            Teams = teams.OrderBy(t => t.Id).Select(t => new TeamSnapshot(
                t.Id, t.TenantId, t.Name, t.Limits, t.PolicyIds is { Count: > 0 } ids ? [.. ids] : null, t.Budget)).ToArray(),
            Keys = keys.OrderBy(k => k.Id).Select(k => new KeySnapshot(
                k.Id, k.Hash, k.Prefix, k.TenantId, k.TeamId, k.AllowedModels.Order(StringComparer.Ordinal).ToArray(), k.Status, k.ExpiresAt, k.Limits,
                k.Tags.Count > 0 ? k.Tags.ToArray() : null, k.AllowRequestTags,
                k.PolicyIds is { Count: > 0 } ids ? [.. ids] : null, k.UseCase, k.Budget,
                k.PreviousSecretLive(revision.CreatedAt) ? k.PreviousHash : null,
                k.PreviousSecretLive(revision.CreatedAt) ? k.PreviousExpiresAt : null)).ToArray(),
            Routes = routes.OrderBy(r => r.Id).Select(r => new RouteSnapshot(
                r.Id, r.TenantId, r.PublicModel, r.Strategy,
                r.Deployments.OrderBy(d => d.Position).Select(d => new DeploymentSnapshot(
                    d.Id, d.ProviderKind, d.UpstreamModel, d.BaseUrl, d.CredentialId, d.Weight,
                    new SortedDictionary<string, string>(d.Settings, StringComparer.Ordinal),
                    d.Capabilities ?? ModelCatalog.Resolve(d.ProviderKind, d.UpstreamModel),
                    d.Priority, d.InputPricePerMTok, d.OutputPricePerMTok, d.HealthCheckIntervalSeconds,
                    prices.Resolve(r.TenantId, d.Id, d.ProviderKind, d.UpstreamModel, d.InputPricePerMTok, d.OutputPricePerMTok), d.Region)).ToArray(),
                r.DropUnsupportedParams,
                r.Fallbacks, r.ContextWindowFallbacks, r.ContentPolicyFallbacks, r.Sticky, r.Retry, r.Timeouts, r.Breaker)).ToArray(),
            Credentials = credentials.OrderBy(c => c.Id).Select(c => new CredentialSnapshot(c.Id, c.TenantId, c.ProviderKind, sealer.Seal(c))).ToArray(),
            Egress = egress?.ToSnapshot(),
            Policies = policies.Count == 0 ? null : policies.OrderBy(p => p.Id).Select(p => p.ToSnapshot()).ToArray(),
            ApprovedModels = approved.Count == 0 ? null : approved.OrderBy(a => a.Id)
                .Select(a => new ApprovedModelSnapshot(a.ProviderKind, a.UpstreamModel, [.. a.Regions.Order(StringComparer.Ordinal)])).ToArray(),
        };

        var hash = ConfigSnapshotHash.Compute(snapshot);
        snapshot = snapshot with { Hash = hash, CreatedAt = revision.CreatedAt };
        if (revision.Hash != hash)
        {
            await db.ConfigRevisions.Where(r => r.Revision == revision.Revision)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Hash, hash), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new PublishedSnapshot(revision.Revision, hash, revision.CreatedAt, JsonSerializer.SerializeToUtf8Bytes(snapshot, SwitchyardJson.Options));
    }
}
