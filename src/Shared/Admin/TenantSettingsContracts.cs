namespace Switchyard.Shared.Admin;

/// <summary>The tenant's sign-in policy: the shortest password its local accounts may set (12–128) and whether TOTP is required.</summary>
public sealed record TenantSettingsDto(int PasswordMinLength, bool RequireTotp);

/// <summary>A partial update of <see cref="TenantSettingsDto"/>: null leaves a field unchanged.</summary>
public sealed record UpdateTenantSettingsRequest(int? PasswordMinLength = null, bool? RequireTotp = null);
