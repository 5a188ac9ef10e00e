using System.Linq.Expressions;
using Switchyard.ControlPlane.Features.Members;
using Switchyard.ControlPlane.Features.Teams;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>
/// A groups filter as an EF Core predicate (<see cref="ScimPredicate"/>, the same grammar as users): <c>displayName</c>
/// (case-insensitive) and <c>externalId</c> (case-exact) with <c>eq</c>, <c>ne</c>, <c>co</c>, <c>sw</c>, <c>ew</c> and
/// <c>pr</c>; <c>id</c> with <c>eq</c>, <c>ne</c> and <c>pr</c>; <c>members.value</c> (also <c>members[value eq "…"]</c>)
/// with <c>eq</c>, <c>ne</c> (the group has / has not that member) and <c>pr</c> (has members); <c>and</c>, <c>or</c> and
/// parentheses. Any other attribute or operator answers 400 <c>invalidFilter</c>.
/// </summary>
public static class ScimGroupFilter
{
    private const string Supported = "displayName, externalId, id or members";

    public static Expression<Func<Team, bool>> ToPredicate(ScimFilterNode node, ControlPlaneDbContext db) =>
        ScimPredicate.Build<Team>(node, condition => Condition(condition, db));

    private static Expression<Func<Team, bool>> Condition(ScimFilterCondition condition, ControlPlaneDbContext db)
    {
        var value = condition.Value;
        switch (condition.Attribute)
        {
            case "displayname":
                return ScimPredicate.Text<Team>(condition, t => t.NormalizedName, value is null ? null : TeamNames.Normalize(value));
            case "externalid":
                return ScimPredicate.Text<Team>(condition, t => t.ExternalId, value);
            case "id":
                return ScimPredicate.Id<Team>(condition, t => t.Id);
            case "members.value":
                // Members as SCIM sees them: platform admins are not listed in groups, so they do not match either.
                var visible = db.TeamMemberships.Where(m => db.Users.Any(u => u.Id == m.MemberId && u.Role != MemberRole.PlatformAdmin));
                var id = Guid.TryParse(value, out var parsed) ? parsed : (Guid?)null;
                return condition.Operator switch
                {
                    "pr" => t => visible.Any(m => m.TeamId == t.Id),
                    "eq" => id is { } eq ? t => visible.Any(m => m.TeamId == t.Id && m.MemberId == eq) : t => false,
                    "ne" => id is { } ne ? t => !visible.Any(m => m.TeamId == t.Id && m.MemberId == ne) : t => true,
                    _ => throw ScimPredicate.Unsupported(condition, "eq, ne or pr"),
                };
            default:
                throw ScimException.InvalidFilter($"Groups cannot be filtered by '{condition.Attribute}'; use {Supported}.");
        }
    }
}
