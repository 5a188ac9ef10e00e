namespace Switchyard.Shared.Admin;

/// <summary>A team a member belongs to, as listed on the member.</summary>
public sealed record MemberTeamDto(Guid TeamId, string TeamName, TeamRole Role);

/// <summary>A member of a team, as listed on the team.</summary>
public sealed record TeamMemberDto(Guid MemberId, string Email, MemberRole TenantRole, TeamRole Role, DateTimeOffset AddedAt);

/// <summary>PUT /api/tenants/{tenantId}/teams/{teamId}/members/{memberId}: adds the member to the team or changes their team role.</summary>
public sealed record SetTeamMemberRequest(TeamRole Role = TeamRole.Member);
