namespace Switchyard.Shared.Admin;

public sealed record TenantDto(Guid Id, string Name, bool Active, DateTimeOffset CreatedAt);

public sealed record CreateTenantRequest(string Name);

public sealed record TeamDto(Guid Id, Guid TenantId, string Name, DateTimeOffset CreatedAt);

public sealed record CreateTeamRequest(string Name);

public sealed record MemberDto(Guid Id, Guid TenantId, string Email, MemberRole Role);

/// <summary>Creates a member with a password (at least 12 characters).</summary>
public sealed record CreateMemberRequest(string Email, string Password, MemberRole Role);

/// <summary>A partial update: null leaves a field unchanged. Only platform admins can change <paramref name="Active"/>.</summary>
public sealed record UpdateTenantRequest(string? Name = null, bool? Active = null);

public sealed record UpdateTeamRequest(string Name);

public sealed record UpdateMemberRequest(MemberRole? Role);
