using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Features.Members;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>
/// GET /scim/v2/Users: the tenant's users, oldest first, paged by <c>startIndex</c>/<c>count</c>, filtered in the database
/// (<see cref="ScimUserFilter"/>: <c>userName</c>, <c>emails</c>, <c>displayName</c>, <c>externalId</c>, <c>active</c>… with
/// <c>eq</c>, <c>ne</c>, <c>co</c>, <c>sw</c>, <c>ew</c>, <c>pr</c>, <c>and</c>, <c>or</c> and parentheses).
/// </summary>
public static class ListScimUsers
{
    public static async Task<JsonHttpResult<JsonObject>> HandleAsync(
        ScimClient client, [FromQuery] string? filter, [FromQuery] int? startIndex, [FromQuery] int? count,
        ControlPlaneDbContext db, ILookupNormalizer normalizer, IOptions<ScimOptions> options, CancellationToken cancellationToken)
    {
        var page = ScimPage.From(startIndex, count, options.Value.MaxPageSize);
        var query = ScimUsers.Visible(db, client).AsNoTracking();
        if (ScimFilter.Parse(filter) is { } parsed)
        {
            query = query.Where(ScimUserFilter.ToPredicate(parsed, normalizer));
        }

        var total = await query.CountAsync(cancellationToken);
        var members = page.Count == 0 ? [] : await query.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Skip(page.Skip).Take(page.Count).ToListAsync(cancellationToken);
        var teams = members.Count == 0 ? null : await MemberTeams.ForTenantAsync(db, client.TenantId, members.Count == 1 ? members[0].Id : null, cancellationToken);
        return ScimResults.List(members.Select(m => ScimUserResource.From(m, teams![m.Id], client)), total, page.StartIndex);
    }
}
