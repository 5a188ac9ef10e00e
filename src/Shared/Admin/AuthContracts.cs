namespace Switchyard.Shared.Admin;

public sealed record LoginRequest(string Email, string Password);

/// <summary>A bearer token for the admin API, issued for a signed-in member (used by the portal).</summary>
public sealed record LoginResponse(string AccessToken, DateTimeOffset ExpiresAt, CurrentUserDto User);

public sealed record CurrentUserDto(Guid Id, string Email, Guid TenantId, string TenantName, MemberRole Role);
