using Microsoft.AspNetCore.Http.HttpResults;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Audit;

/// <summary>
/// GET /api/platform/audit/verify (platform admins): checks the platform-level admin chain — the actions that concern no
/// tenant (approved models, prices, egress, admin keys, tenant creation…) — like a tenant's chains
/// (<see cref="VerifyAuditChains"/>), and reports its first broken link.
/// </summary>
public static class VerifyPlatformAuditChain
{
    public static Task<Ok<AuditVerificationDto>> HandleAsync(ControlPlaneDbContext db, CancellationToken cancellationToken) =>
        VerifyAuditChains.HandleAsync(Guid.Empty, db, cancellationToken);
}
