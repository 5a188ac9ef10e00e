using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Features.Teams;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>
/// GET /scim/v2/Groups: the tenant's teams, oldest first, paged, filtered in the database (<see cref="ScimGroupFilter"/>:
/// <c>displayName</c>, <c>externalId</c>, <c>id</c>, <c>members[value eq "…"]</c> with <c>eq</c>, <c>ne</c>, <c>co</c>,
/// <c>sw</c>, <c>ew</c>, <c>pr</c>, <c>and</c>, <c>or</c> and parentheses). An existing team is
/// found by its name, so an identity provider maps a group onto it instead of creating another.
/// <c>excludedAttributes=members</c> leaves the members out, as Entra ID asks.
/// </summary>
public static class ListScimGroups
{
    public static async Task<JsonHttpResult<JsonObject>> HandleAsync(
        ScimClient client, [FromQuery] string? filter, [FromQuery] int? startIndex, [FromQuery] int? count, [FromQuery] string? excludedAttributes,
        ControlPlaneDbContext db, IOptions<ScimOptions> options, CancellationToken cancellationToken)
    {
        var page = ScimPage.From(startIndex, count, options.Value.MaxPageSize);
        var query = ScimGroups.Visible(db, client).AsNoTracking();
        if (ScimFilter.Parse(filter) is { } parsed)
        {
            query = query.Where(ScimGroupFilter.ToPredicate(parsed, db));
        }

        var total = await query.CountAsync(cancellationToken);
        var pageTeams = page.Count == 0 ? [] : await query.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).Skip(page.Skip).Take(page.Count).ToListAsync(cancellationToken);
        var withMembers = !ExcludesMembers(excludedAttributes);
        var pageMembers = withMembers && pageTeams.Count > 0 ? await ScimGroups.MembersAsync(db, client, [.. pageTeams.Select(t => t.Id)], cancellationToken) : null;
        return ScimResults.List(pageTeams.Select(t => ScimGroupResource.From(t, pageMembers?[t.Id], client)), total, page.StartIndex);
    }

    internal static bool ExcludesMembers(string? excludedAttributes) =>
        excludedAttributes?.Split(',', StringSplitOptions.TrimEntries).Any(a => ScimFilter.Canonical(a) == "members.value") == true;
}
