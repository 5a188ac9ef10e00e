using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Quotas;

/// <summary>Resolves a tenant's effective quotas: its <see cref="TenantQuota"/> overrides over <see cref="QuotaOptions"/>.</summary>
public sealed class TenantQuotas(IOptions<QuotaOptions> options)
{
    public TenantQuotaLimits Defaults { get; } = options.Value.ToLimits();

    public async Task<EffectiveQuotas> ForTenantAsync(ControlPlaneDbContext db, Guid tenantId, CancellationToken cancellationToken)
    {
        var overrides = await db.TenantQuotas.AsNoTracking().FirstOrDefaultAsync(q => q.TenantId == tenantId, cancellationToken);
        return new EffectiveQuotas(TenantQuota.Apply(Defaults, overrides?.ToOverrides()));
    }
}
