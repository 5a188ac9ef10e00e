using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Switchyard.ControlPlane.Features.Quotas;
using Switchyard.ControlPlane.Features.Teams;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>
/// POST /scim/v2/Groups: a team for the identity provider's group, with its members. A team of the same name answers
/// 409 <c>uniqueness</c> (an identity provider that looks the group up by displayName first maps onto it instead); a
/// full <c>teams</c> quota 409.
/// </summary>
public static class CreateScimGroup
{
    public static async Task<JsonHttpResult<JsonObject>> HandleAsync(
        HttpRequest request, ScimClient client, ControlPlaneDbContext db, TenantQuotas quotas, TimeProvider time, CancellationToken cancellationToken)
    {
        var changes = ScimGroupChanges.FromResource(await ScimJson.ReadBodyAsync(request, cancellationToken));
        var tenantQuotas = await quotas.ForTenantAsync(db, client.TenantId, cancellationToken);
        if (await tenantQuotas.Teams.RefusesOneMoreAsync(QuotaUsage.Teams(db, client.TenantId), cancellationToken) is { } tooMany)
        {
            throw new ScimException(StatusCodes.Status409Conflict, null, tooMany.ProblemDetails.Detail ?? "The tenant's teams quota is full.");
        }

        var team = new Team { Id = Guid.CreateVersion7(), TenantId = client.TenantId, CreatedAt = time.GetUtcNow() };
        db.Teams.Add(team);
        await ScimGroups.SaveAsync(team, changes, db, client, time, cancellationToken);
        request.HttpContext.Response.Headers.Location = client.GroupLocation(team.Id);
        return ScimResults.Resource(await ScimGroups.ToResourceAsync(db, client, team, cancellationToken), StatusCodes.Status201Created);
    }
}
