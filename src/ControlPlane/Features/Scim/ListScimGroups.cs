using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Features.Teams;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>
/// GET /scim/v2/Groups: the tenant's teams, oldest first, paged, filtered by <c>displayName</c> (case-insensitive),
/// <c>externalId</c>, <c>id</c> or <c>members[value eq "…"]</c> with <c>eq</c> and <c>and</c>. An existing team is
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
        var conditions = ScimFilter.ParseConjunction(filter);
        IEnumerable<Team> teams = await ScimGroups.Visible(db, client).AsNoTracking().ToListAsync(cancellationToken);
        foreach (var condition in conditions.Where(c => c.Attribute != "members.value"))
        {
            teams = teams.Where(Matches(condition));
        }

        var matching = teams.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).ToList();
        if (conditions.Where(c => c.Attribute == "members.value").Select(c => c.Value).ToList() is { Count: > 0 } memberIds)
        {
            var members = await ScimGroups.MembersAsync(db, client, [.. matching.Select(t => t.Id)], cancellationToken);
            matching = [.. matching.Where(t => memberIds.All(id => members[t.Id].Any(m => string.Equals(m.Id.ToString("D"), id, StringComparison.OrdinalIgnoreCase))))];
        }

        var pageTeams = matching.Skip(page.Skip).Take(page.Count).ToList();
        var withMembers = !ExcludesMembers(excludedAttributes);
        var pageMembers = withMembers && pageTeams.Count > 0 ? await ScimGroups.MembersAsync(db, client, [.. pageTeams.Select(t => t.Id)], cancellationToken) : null;
        return ScimResults.List(pageTeams.Select(t => ScimGroupResource.From(t, pageMembers?[t.Id], client)), matching.Count, page.StartIndex);
    }

    internal static bool ExcludesMembers(string? excludedAttributes) =>
        excludedAttributes?.Split(',', StringSplitOptions.TrimEntries).Any(a => ScimFilter.Canonical(a) == "members.value") == true;

    private static Func<Team, bool> Matches(ScimFilterCondition condition) => condition.Attribute switch
    {
        "id" => t => string.Equals(t.Id.ToString("D"), condition.Value, StringComparison.OrdinalIgnoreCase),
        "displayname" => t => string.Equals(t.Name, condition.Value, StringComparison.OrdinalIgnoreCase),
        "externalid" => t => t.ExternalId == condition.Value,
        _ => throw ScimException.InvalidFilter($"Groups cannot be filtered by '{condition.Attribute}'; use displayName, externalId, id or members."),
    };
}
