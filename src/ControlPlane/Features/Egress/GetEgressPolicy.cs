using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Egress;

/// <summary>GET /api/platform/egress (platform admins): the platform's egress allow-list (empty lists when never set).</summary>
public static class GetEgressPolicy
{
    public static async Task<Ok<EgressPolicyDto>> HandleAsync(ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var policy = await db.PlatformEgressPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.Id == PlatformEgressPolicy.SingletonId, cancellationToken);
        return TypedResults.Ok(policy?.ToDto() ?? new EgressPolicyDto([], []));
    }
}
