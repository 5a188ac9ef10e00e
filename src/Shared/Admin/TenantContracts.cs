using Switchyard.Shared.Configuration;

namespace Switchyard.Shared.Admin;

/// <param name="DefaultPolicyId">The policy every request of the tenant is held to; null for none.</param>
/// <param name="TimeZone">The IANA time zone budget periods start in; null for UTC.</param>
public sealed record TenantDto(
    Guid Id, string Name, bool Active, DateTimeOffset CreatedAt, RateLimits? Limits = null, Guid? DefaultPolicyId = null,
    Budget? Budget = null, string? TimeZone = null, AuditSettings? Audit = null);

public sealed record CreateTenantRequest(string Name, RateLimits? Limits = null, Budget? Budget = null, string? TimeZone = null);

/// <param name="PolicyIds">Policies the team's keys are held to beside the tenant's default.</param>
public sealed record TeamDto(
    Guid Id, Guid TenantId, string Name, DateTimeOffset CreatedAt, RateLimits? Limits = null, IReadOnlyList<Guid>? PolicyIds = null,
    Budget? Budget = null, string? CostCenter = null);

/// <param name="CostCenter">The cost centre the team's usage is charged to on chargeback statements (letters, digits, . _ - / and spaces; at most 64).</param>
public sealed record CreateTeamRequest(string Name, RateLimits? Limits = null, IReadOnlyList<Guid>? PolicyIds = null, Budget? Budget = null, string? CostCenter = null);

/// <param name="Teams">The teams the member belongs to, with their team role.</param>
/// <param name="Active">False once deactivated: the member cannot sign in and their personal keys are revoked.</param>
/// <param name="Source">How the member was created: locally, at first SSO sign-in (just in time) or by SCIM.</param>
/// <param name="DisplayName">The name to show for the member, as their identity provider sent it (SCIM); null when unknown.</param>
public sealed record MemberDto(
    Guid Id, Guid TenantId, string Email, MemberRole Role, IReadOnlyList<MemberTeamDto>? Teams = null, bool Active = true,
    MemberSource Source = MemberSource.Local, string? DisplayName = null);

/// <summary>Creates a member with a password (at least 12 characters).</summary>
public sealed record CreateMemberRequest(string Email, string Password, MemberRole Role);

/// <summary>
/// A partial update: null leaves a field unchanged; empty <paramref name="Limits"/> (<c>{}</c>) removes the limits,
/// <paramref name="Budget"/> <c>{"remove": true}</c> the budget, <paramref name="TimeZone"/> <c>""</c> resets the zone to UTC.
/// Only platform admins can change <paramref name="Active"/>.
/// </summary>
/// <param name="DefaultPolicyId">Sets the tenant's default policy; <see cref="Guid.Empty"/> removes it.</param>
/// <param name="Audit">Replaces the tenant's audit settings (mode, retention days, per-use-case overrides).</param>
public sealed record UpdateTenantRequest(
    string? Name = null, bool? Active = null, RateLimits? Limits = null, Guid? DefaultPolicyId = null, BudgetUpdate? Budget = null,
    string? TimeZone = null, AuditSettings? Audit = null);

/// <summary>A partial update: null leaves a field unchanged; empty <paramref name="Limits"/> (<c>{}</c>) removes the limits, <paramref name="Budget"/> <c>{"remove": true}</c> the budget.</summary>
/// <param name="PolicyIds">Replaces the team's policies; an empty list removes them.</param>
/// <param name="CostCenter">Sets the cost centre; "" removes it; null leaves it unchanged.</param>
public sealed record UpdateTeamRequest(string? Name = null, RateLimits? Limits = null, IReadOnlyList<Guid>? PolicyIds = null, BudgetUpdate? Budget = null, string? CostCenter = null);

/// <summary>A partial update: null leaves a field unchanged (at least one is required).</summary>
/// <param name="Active">False deactivates the member (no sign-in, personal keys revoked); true reactivates (keys stay revoked).</param>
public sealed record UpdateMemberRequest(MemberRole? Role, bool? Active = null);
