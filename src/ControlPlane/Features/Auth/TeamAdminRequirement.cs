using Microsoft.AspNetCore.Authorization;

namespace Switchyard.ControlPlane.Features.Auth;

/// <summary>
/// The caller administers the team named by the route's <c>{teamId}</c>: a tenant or platform admin, or a member whose
/// team role there is team admin (admin keys are not team members). Failing it answers 403.
/// </summary>
public sealed class TeamAdminRequirement : IAuthorizationRequirement
{
    public const string RouteValue = "teamId";

    public static readonly TeamAdminRequirement Instance = new();

    private TeamAdminRequirement()
    {
    }
}
