namespace Switchyard.Shared.Admin;

public sealed record LoginRequest(string Email, string Password);

/// <summary>A bearer token for the admin API, issued for a signed-in member (used by the portal).</summary>
public sealed record LoginResponse(string AccessToken, DateTimeOffset ExpiresAt, CurrentUserDto User);

/// <param name="Teams">A member's teams with their team role; null for an admin key.</param>
public sealed record CurrentUserDto(Guid Id, string Email, Guid TenantId, string TenantName, MemberRole Role, IReadOnlyList<MemberTeamDto>? Teams = null);
