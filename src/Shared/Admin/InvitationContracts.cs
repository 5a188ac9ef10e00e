namespace Switchyard.Shared.Admin;

/// <summary>A team the invitee joins on acceptance, with their team role.</summary>
public sealed record InvitationTeamDto(Guid TeamId, TeamRole Role = TeamRole.Member);

/// <summary>Invites a person by email with a tenant role and optional teams; the link expires after <paramref name="ExpiresInDays"/> (1–30, default 7).</summary>
public sealed record CreateInvitationRequest(string Email, MemberRole Role, IReadOnlyList<InvitationTeamDto>? Teams = null, int? ExpiresInDays = null);

/// <summary>A pending invitation (the token is never shown again).</summary>
public sealed record InvitationDto(
    Guid Id, Guid TenantId, string Email, MemberRole Role, IReadOnlyList<InvitationTeamDto> Teams, DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt, string CreatedBy);

/// <summary>A new invitation with its one-time <paramref name="Token"/> (shown once) and the portal path of its link, <c>/invite/{token}</c>.</summary>
public sealed record CreatedInvitationDto(InvitationDto Invitation, string Token, string Path);

/// <summary>What the invitation page shows before the invitee sets a password.</summary>
public sealed record InvitationPreviewDto(string Email, string TenantName, MemberRole Role, DateTimeOffset ExpiresAt, int PasswordMinLength);

/// <summary>Accepts an invitation with the invitee's new password.</summary>
public sealed record AcceptInvitationRequest(string Password);
