using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.AdminKeys;
using Switchyard.ControlPlane.Features.ApiKeys;
using Switchyard.ControlPlane.Features.ApprovedModels;
using Switchyard.ControlPlane.Features.Billing;
using Switchyard.ControlPlane.Features.Budgets;
using Switchyard.ControlPlane.Features.Chargeback;
using Switchyard.ControlPlane.Features.Config;
using Switchyard.ControlPlane.Features.Egress;
using Switchyard.ControlPlane.Features.Members;
using Switchyard.ControlPlane.Features.Policies;
using Switchyard.ControlPlane.Features.Pricing;
using Switchyard.ControlPlane.Features.Providers;
using Switchyard.ControlPlane.Features.Quotas;
using Switchyard.ControlPlane.Features.Rollups;
using Switchyard.ControlPlane.Features.Routes;
using Switchyard.ControlPlane.Features.Sso;
using Switchyard.ControlPlane.Features.Scim;
using Switchyard.ControlPlane.Features.Teams;
using Switchyard.ControlPlane.Features.Tenants;
using Switchyard.ControlPlane.Features.Usage;
using Switchyard.ControlPlane.Features.Invitations;
using Switchyard.ControlPlane.Features.TenantSettings;

namespace Switchyard.ControlPlane.Infrastructure.Database;

/// <summary>
/// The control plane's database. Abstract: each provider has a small derived context
/// (<see cref="SqliteControlPlaneDbContext"/>, <see cref="PostgresControlPlaneDbContext"/>) that owns its own migration set
/// and its provider conventions; everything else resolves this base type.
/// Saving a change to an <see cref="IConfigEntity"/> inserts the next <see cref="ConfigRevision"/> in the same SaveChanges.
/// </summary>
public abstract class ControlPlaneDbContext(DbContextOptions options, TenantScope scope, ConfigChangeSignal signal, TimeProvider time)
    : IdentityDbContext<Member, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    private const int MaxRevisionAttempts = 5;

    /// <summary>Takes the PostgreSQL advisory lock that serialises revision numbering (key: "SYREV" as a number).</summary>
    private const string LockRevisionsSql = "SELECT pg_advisory_xact_lock(357980849494)";

    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<TenantQuota> TenantQuotas => Set<TenantQuota>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<TeamMembership> TeamMemberships => Set<TeamMembership>();
    public DbSet<Policy> Policies => Set<Policy>();
    public DbSet<ApprovedModel> ApprovedModels => Set<ApprovedModel>();
    public DbSet<VirtualKey> VirtualKeys => Set<VirtualKey>();
    public DbSet<ProviderCredential> ProviderCredentials => Set<ProviderCredential>();
    public DbSet<ModelRoute> ModelRoutes => Set<ModelRoute>();
    public DbSet<RouteDeployment> RouteDeployments => Set<RouteDeployment>();
    public DbSet<DeploymentNodeHealth> DeploymentNodeHealth => Set<DeploymentNodeHealth>();
    public DbSet<AdminApiKey> AdminApiKeys => Set<AdminApiKey>();
    public DbSet<PlatformEgressPolicy> PlatformEgressPolicies => Set<PlatformEgressPolicy>();
    public DbSet<ConfigRevision> ConfigRevisions => Set<ConfigRevision>();
    public DbSet<NodeStatus> NodeStatuses => Set<NodeStatus>();
    public DbSet<UsageRecordEntity> UsageRecords => Set<UsageRecordEntity>();
    public DbSet<ModelPrice> ModelPrices => Set<ModelPrice>();
    public DbSet<TenantPricing> TenantPricing => Set<TenantPricing>();
    public DbSet<UsageQuarantineEntry> UsageQuarantine => Set<UsageQuarantineEntry>();
    public DbSet<UsageDeadLetter> UsageDeadLetters => Set<UsageDeadLetter>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<UsageRollup> UsageRollups => Set<UsageRollup>();
    public DbSet<UsageRollupBucket> UsageRollupBuckets => Set<UsageRollupBucket>();
    public DbSet<UsageTagRollup> UsageTagRollups => Set<UsageTagRollup>();
    public DbSet<BudgetSpend> BudgetSpend => Set<BudgetSpend>();
    public DbSet<BudgetAlert> BudgetAlerts => Set<BudgetAlert>();
    public DbSet<BudgetSettings> BudgetSettings => Set<BudgetSettings>();
    public DbSet<BillingAccount> BillingAccounts => Set<BillingAccount>();
    public DbSet<BillingMeterSend> BillingMeterSends => Set<BillingMeterSend>();
    public DbSet<BillingInvoice> BillingInvoices => Set<BillingInvoice>();
    public DbSet<StripeWebhookEvent> StripeWebhookEvents => Set<StripeWebhookEvent>();
    public DbSet<TenantBillingState> TenantBillingStates => Set<TenantBillingState>();
    public DbSet<ChargebackStatement> ChargebackStatements => Set<ChargebackStatement>();
    public DbSet<ChargebackStatementLine> ChargebackStatementLines => Set<ChargebackStatementLine>();
    public DbSet<TenantSso> TenantSso => Set<TenantSso>();
    public DbSet<SsoDomain> SsoDomains => Set<SsoDomain>();
    public DbSet<SsoHandoffCode> SsoHandoffCodes => Set<SsoHandoffCode>();
    public DbSet<ScimToken> ScimTokens => Set<ScimToken>();
    public DbSet<TenantSignInPolicy> TenantSignInPolicies => Set<TenantSignInPolicy>();
    public DbSet<Invitation> Invitations => Set<Invitation>();

    /// <summary>Read by the global query filters at query time; null means no tenant restriction.</summary>
    public Guid? TenantFilterId => scope.TenantId;

    /// <summary>The revision inserted by the last successful SaveChanges, if it bumped one.</summary>
    public long? LastBumpedRevision { get; private set; }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ControlPlaneDbContext).Assembly);
        ApplyTenantFilter<Team>(builder);
        ApplyTenantFilter<TeamMembership>(builder);
        ApplyTenantFilter<Policy>(builder);
        ApplyTenantFilter<VirtualKey>(builder);
        ApplyTenantFilter<ProviderCredential>(builder);
        ApplyTenantFilter<ModelRoute>(builder);
        ApplyTenantFilter<Member>(builder);
        ApplyTenantFilter<UsageRecordEntity>(builder);
        ApplyTenantFilter<DeploymentNodeHealth>(builder);
        ApplyTenantFilter<BudgetSpend>(builder);
        ApplyTenantFilter<BudgetAlert>(builder);
        ApplyTenantFilter<ChargebackStatement>(builder);
        ApplyTenantFilter<ChargebackSettings>(builder);
        ApplyTenantFilter<BudgetSettings>(builder);
        ApplyTenantFilter<BillingAccount>(builder);
        ApplyTenantFilter<BillingInvoice>(builder);
        ApplyTenantFilter<TenantSso>(builder);
        ApplyTenantFilter<ScimToken>(builder);
        ApplyTenantFilter<TenantSignInPolicy>(builder);
        ApplyTenantFilter<Invitation>(builder);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (HasConfigChanges())
        {
            throw new InvalidOperationException("Config changes must be saved with SaveChangesAsync so the revision is bumped.");
        }

        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (!HasConfigChanges())
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        for (var attempt = 1; ; attempt++)
        {
            // Concurrent config writes take turns for the next revision number instead of colliding on it (a burst of parallel
            // writes would otherwise exhaust the retries below): SQLite's BEGIN IMMEDIATE takes the write lock, PostgreSQL
            // a transaction-scoped advisory lock shared by every control plane. The retry stays as a backstop.
            await using var transaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
            if (Database.IsNpgsql())
            {
                await Database.ExecuteSqlRawAsync(LockRevisionsSql, cancellationToken);
            }

            var latest = await ConfigRevisions.AsNoTracking().MaxAsync(r => (long?)r.Revision, cancellationToken) ?? 0;
            var revision = new ConfigRevision { Revision = latest + 1, CreatedAt = time.GetUtcNow() };
            var entry = ConfigRevisions.Add(revision);
            try
            {
                var result = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
                if (transaction is not null)
                {
                    await transaction.CommitAsync(cancellationToken);
                }

                LastBumpedRevision = revision.Revision;
                signal.Notify();
                return result;
            }
            catch (DbUpdateException)
            {
                entry.State = EntityState.Detached;
                if (transaction is not null)
                {
                    await transaction.RollbackAsync(cancellationToken);
                }

                var taken = await ConfigRevisions.AsNoTracking().AnyAsync(r => r.Revision == revision.Revision, cancellationToken);
                if (!taken || attempt >= MaxRevisionAttempts)
                {
                    throw;
                }
            }
        }
    }

    private bool HasConfigChanges() =>
        ChangeTracker.Entries().Any(e => e.Entity is IConfigEntity && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted);

    private void ApplyTenantFilter<T>(ModelBuilder builder)
        where T : class, ITenantOwned =>
        builder.Entity<T>().HasQueryFilter(e => TenantFilterId == null || EF.Property<Guid>(e, nameof(ITenantOwned.TenantId)) == TenantFilterId);
}
