using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Components.Shared;

/// <summary>Tenant and team roles as the portal names them.</summary>
public static class RoleText
{
    public static string Of(MemberRole role) => role switch
    {
        MemberRole.Developer => "Developer",
        MemberRole.Finance => "Finance",
        MemberRole.TenantAdmin => "Tenant admin",
        MemberRole.PlatformAdmin => "Platform admin",
        MemberRole.Auditor => "Auditor",
        _ => role.ToString(),
    };

    public static string Of(TeamRole role) => role == TeamRole.TeamAdmin ? "Team admin" : "Member";

    /// <summary>The tenant roles <paramref name="user"/> may give: a platform admin role only by a platform admin.</summary>
    public static IReadOnlyList<MemberRole> Assignable(MemberRole user) =>
        user == MemberRole.PlatformAdmin
            ? [MemberRole.Developer, MemberRole.Finance, MemberRole.Auditor, MemberRole.TenantAdmin, MemberRole.PlatformAdmin]
            : [MemberRole.Developer, MemberRole.Finance, MemberRole.Auditor, MemberRole.TenantAdmin];
}
