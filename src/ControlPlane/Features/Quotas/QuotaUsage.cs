using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.ApiKeys;
using Switchyard.ControlPlane.Features.Members;
using Switchyard.ControlPlane.Features.Providers;
using Switchyard.ControlPlane.Features.Routes;
using Switchyard.ControlPlane.Features.Teams;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Quotas;

/// <summary>The rows each counted quota counts, in one place so the checks and the usage report agree.</summary>
public static class QuotaUsage
{
    public static IQueryable<VirtualKey> Keys(ControlPlaneDbContext db, Guid tenantId) =>
        db.VirtualKeys.Where(k => k.TenantId == tenantId && k.Status != KeyStatus.Revoked);

    public static IQueryable<ModelRoute> Routes(ControlPlaneDbContext db, Guid tenantId) =>
        db.ModelRoutes.Where(r => r.TenantId == tenantId);

    public static IQueryable<ProviderCredential> Credentials(ControlPlaneDbContext db, Guid tenantId) =>
        db.ProviderCredentials.Where(c => c.TenantId == tenantId);

    public static IQueryable<Team> Teams(ControlPlaneDbContext db, Guid tenantId) =>
        db.Teams.Where(t => t.TenantId == tenantId);

    public static IQueryable<Member> Members(ControlPlaneDbContext db, Guid tenantId) =>
        db.Users.Where(m => m.TenantId == tenantId);

    public static async Task<TenantQuotaUsage> CountAsync(ControlPlaneDbContext db, Guid tenantId, CancellationToken cancellationToken) => new(
        await Keys(db, tenantId).CountAsync(cancellationToken),
        await Routes(db, tenantId).CountAsync(cancellationToken),
        await Credentials(db, tenantId).CountAsync(cancellationToken),
        await Teams(db, tenantId).CountAsync(cancellationToken),
        await Members(db, tenantId).CountAsync(cancellationToken));
}
