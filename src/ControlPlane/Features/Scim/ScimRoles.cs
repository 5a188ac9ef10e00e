using System.Text.Json.Nodes;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>
/// The SCIM <c>roles</c> attribute and the member's tenant role. A role's <c>value</c> is a tenant role as the admin API
/// spells it — <c>Developer</c>, <c>Finance</c>, <c>Auditor</c> or <c>TenantAdmin</c> (any case); anything else, and
/// <c>PlatformAdmin</c> above all, answers 400 <c>invalidValue</c>. A member holds one tenant role: of several given, the one
/// marked primary wins, else the one with the most rights (<see cref="Precedence"/>).
/// </summary>
public static class ScimRoles
{
    /// <summary>Most rights first: tenant admins do everything, developers manage keys, finance reads costs, auditors the audit log.</summary>
    public static readonly IReadOnlyList<MemberRole> Precedence = [MemberRole.TenantAdmin, MemberRole.Developer, MemberRole.Finance, MemberRole.Auditor];

    /// <summary>
    /// The roles in a value: a role name, one <c>{"value":"…","primary":true}</c>, or a list of them, each with whether it is
    /// marked primary. <paramref name="primary"/> is true when the path itself chose the primary one (<c>roles[primary eq "True"].value</c>).
    /// </summary>
    public static List<(MemberRole Role, bool Primary)> Parse(JsonNode? value, bool primary = false) => value switch
    {
        null => [],
        JsonArray items => [.. items.SelectMany(item => Parse(item, primary))],
        JsonObject item => ScimJson.Get(item, "value") is { } inner
            ? [(Role(ScimJson.String(inner, "roles.value")), primary || IsPrimary(ScimJson.Get(item, "primary")))]
            : [],
        JsonValue => [(Role(ScimJson.String(value, "roles")), primary)],
        _ => [],
    };

    /// <summary>The role a member is given for these roles: the primary one, else the one with the most rights; null for none.</summary>
    public static MemberRole? Choose(IReadOnlyCollection<(MemberRole Role, bool Primary)> roles) =>
        roles.Count == 0 ? null
        : roles.FirstOrDefault(r => r.Primary) is { Primary: true } primary ? primary.Role
        : Precedence.First(p => roles.Any(r => r.Role == p));

    /// <summary>The roles of a member as SCIM shows them: their one tenant role, primary.</summary>
    public static JsonArray ToResource(MemberRole role) => new(new JsonObject { ["value"] = role.ToString(), ["primary"] = true });

    private static MemberRole Role(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Equals(nameof(MemberRole.PlatformAdmin), StringComparison.OrdinalIgnoreCase))
        {
            throw ScimException.InvalidValue("The PlatformAdmin role cannot be granted through SCIM.");
        }

        foreach (var role in Precedence)
        {
            if (role.ToString().Equals(trimmed, StringComparison.OrdinalIgnoreCase))
            {
                return role;
            }
        }

        throw ScimException.InvalidValue($"'{trimmed}' is not a tenant role; use one of {string.Join(", ", Precedence)}.");
    }

    private static bool IsPrimary(JsonNode? value) => value is not null && ScimJson.Bool(value, "roles.primary");
}
