using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Features.Members;
using Switchyard.ControlPlane.Features.Quotas;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>
/// POST /scim/v2/Users: a member provisioned by the identity provider (<c>Source = Scim</c>, its <c>externalId</c> and
/// names, the role its <c>roles</c> name or else <see cref="ScimOptions.DefaultRole"/>, no password: they sign in with
/// single sign-on). A taken userName, email or
/// externalId answers 409 <c>uniqueness</c>; a full <c>members</c> quota 409.
/// </summary>
public static class CreateScimUser
{
    public static async Task<JsonHttpResult<JsonObject>> HandleAsync(
        HttpRequest request, ScimClient client, ControlPlaneDbContext db, UserManager<Member> userManager, TenantQuotas quotas,
        IOptions<ScimOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var changes = ScimUserChanges.FromResource(await ScimJson.ReadBodyAsync(request, cancellationToken));
        var tenantQuotas = await quotas.ForTenantAsync(db, client.TenantId, cancellationToken);
        if (await tenantQuotas.Members.RefusesOneMoreAsync(QuotaUsage.Members(db, client.TenantId), cancellationToken) is { } tooMany)
        {
            throw new ScimException(StatusCodes.Status409Conflict, null, tooMany.ProblemDetails.Detail ?? "The tenant's members quota is full.");
        }

        var member = new Member
        {
            Id = Guid.CreateVersion7(),
            TenantId = client.TenantId,
            Role = options.Value.DefaultRole,
            Source = MemberSource.Scim,
            CreatedAt = time.GetUtcNow(),
        };
        await ScimUsers.SaveAsync(member, changes, isNew: true, options.Value.DefaultRole, userManager, db, time, cancellationToken);
        request.HttpContext.Response.Headers.Location = client.UserLocation(member.Id);
        return ScimResults.Resource(ScimUserResource.From(member, [], client), StatusCodes.Status201Created);
    }
}
