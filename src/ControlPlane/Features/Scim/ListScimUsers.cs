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
/// GET /scim/v2/Users: the tenant's users, oldest first, paged by <c>startIndex</c>/<c>count</c>, filtered by
/// <c>userName</c> (case-insensitive), <c>externalId</c>, <c>id</c>, <c>emails</c> (also <c>emails[type eq "work"].value</c>)
/// or <c>active</c>, with <c>eq</c> and <c>and</c>.
/// </summary>
public static class ListScimUsers
{
    public static async Task<JsonHttpResult<JsonObject>> HandleAsync(
        ScimClient client, [FromQuery] string? filter, [FromQuery] int? startIndex, [FromQuery] int? count,
        ControlPlaneDbContext db, UserManager<Member> userManager, IOptions<ScimOptions> options, CancellationToken cancellationToken)
    {
        var page = ScimPage.From(startIndex, count, options.Value.MaxPageSize);
        var query = ScimUsers.Visible(db, client).AsNoTracking();
        foreach (var condition in ScimFilter.Parse(filter))
        {
            query = Where(query, condition, userManager);
        }

        var total = await query.CountAsync(cancellationToken);
        var members = page.Count == 0 ? [] : await query.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Skip(page.Skip).Take(page.Count).ToListAsync(cancellationToken);
        var teams = members.Count == 0 ? null : await MemberTeams.ForTenantAsync(db, client.TenantId, members.Count == 1 ? members[0].Id : null, cancellationToken);
        return ScimResults.List(members.Select(m => ScimUserResource.From(m, teams![m.Id], client)), total, page.StartIndex);
    }

    private static IQueryable<Member> Where(IQueryable<Member> query, ScimFilterCondition condition, UserManager<Member> userManager)
    {
        var value = condition.Value;
        switch (condition.Attribute)
        {
            case "id":
                return Guid.TryParse(value, out var id) ? query.Where(m => m.Id == id) : query.Where(m => false);
            case "username":
                var userName = userManager.NormalizeName(value);
                return query.Where(m => m.NormalizedUserName == userName);
            case "emails.value":
                var email = userManager.NormalizeEmail(value);
                return query.Where(m => m.NormalizedEmail == email);
            case "externalid":
                return value is null ? query.Where(m => m.ExternalId == null) : query.Where(m => m.ExternalId == value);
            case "active":
                return value switch
                {
                    "true" => query.Where(m => m.DeactivatedAt == null),
                    "false" => query.Where(m => m.DeactivatedAt != null),
                    _ => throw ScimException.InvalidFilter("active compares with true or false."),
                };
            default:
                throw ScimException.InvalidFilter(
                    $"Users cannot be filtered by '{condition.Attribute}'; use userName, externalId, id, emails or active.");
        }
    }
}
