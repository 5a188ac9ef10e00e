using Microsoft.AspNetCore.Authorization;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Auth;

/// <summary>
/// The admin API's authorisation policies. Every endpoint group declares exactly one of them
/// (<c>RequireAuthorization(AdminPolicies.X)</c>); an endpoint under <c>/api</c> that declares none is refused
/// (see <see cref="DeclaredPolicyConvention"/>). The tenant policies also require that the caller may see the
/// <c>{tenantId}</c> of the route; a caller who may not gets 404, as if the tenant did not exist.
/// Roles come from <see cref="CurrentMemberAuthenticationHandler"/>, which re-reads a member's role on every request.
/// </summary>
public static class AdminPolicies
{
    /// <summary>Every signed-in member or admin key.</summary>
    public const string SignedIn = "Switchyard.Api";

    /// <summary>Platform administrators only.</summary>
    public const string PlatformAdmin = "Switchyard.PlatformAdmin";

    /// <summary>Any member (or tenant key) of the route's tenant except auditors, and platform admins: reads.</summary>
    public const string TenantMember = "Switchyard.Tenant.Member";

    /// <summary>Developers and administrators of the route's tenant: create and revoke virtual keys.</summary>
    public const string TenantKeyManager = "Switchyard.Tenant.KeyManager";

    /// <summary>Administrators of the route's tenant, and platform admins.</summary>
    public const string TenantAdmin = "Switchyard.Tenant.Admin";

    /// <summary>Finance members and administrators of the route's tenant, and platform admins: chargeback and billing reads.</summary>
    public const string TenantFinance = "Switchyard.Tenant.Finance";

    /// <summary>Auditors and administrators of the route's tenant, and platform admins: the audit log.</summary>
    public const string TenantAuditor = "Switchyard.Tenant.Auditor";

    /// <summary>
    /// Administrators of the route's tenant, platform admins, and members who are team admins of the route's
    /// <c>{teamId}</c>: the team's members and limits.
    /// </summary>
    public const string TeamAdmin = "Switchyard.Team.Admin";

    /// <summary>Given to an admin API endpoint that declares none of the policies above: refuses every caller.</summary>
    public const string Undeclared = "Switchyard.Undeclared";

    /// <summary>The policies an admin API endpoint may declare.</summary>
    public static readonly IReadOnlySet<string> Declarable = new HashSet<string>(StringComparer.Ordinal)
    {
        SignedIn, PlatformAdmin, TenantMember, TenantKeyManager, TenantAdmin, TenantFinance, TenantAuditor, TeamAdmin,
    };

    private static readonly string[] MemberRoles = [nameof(MemberRole.Developer), nameof(MemberRole.Finance), nameof(MemberRole.TenantAdmin), nameof(MemberRole.PlatformAdmin)];
    private static readonly string[] FinanceRoles = [nameof(MemberRole.Finance), nameof(MemberRole.TenantAdmin), nameof(MemberRole.PlatformAdmin)];
    private static readonly string[] AuditorRoles = [nameof(MemberRole.Auditor), nameof(MemberRole.TenantAdmin), nameof(MemberRole.PlatformAdmin)];
    private static readonly string[] KeyManagerRoles = [nameof(MemberRole.Developer), nameof(MemberRole.TenantAdmin), nameof(MemberRole.PlatformAdmin)];
    private static readonly string[] AdminRoles = [nameof(MemberRole.TenantAdmin), nameof(MemberRole.PlatformAdmin)];

    internal static AuthorizationBuilder AddAdminPolicies(this AuthorizationBuilder authorization) => authorization
        .AddPolicy(SignedIn, p => Caller(p))
        .AddPolicy(PlatformAdmin, p => Caller(p).RequireClaim(SwitchyardClaims.Role, nameof(MemberRole.PlatformAdmin)))
        .AddPolicy(TenantMember, p => Caller(p).AddRequirements(TenantAccessRequirement.Instance).RequireClaim(SwitchyardClaims.Role, MemberRoles))
        .AddPolicy(TenantKeyManager, p => Caller(p).AddRequirements(TenantAccessRequirement.Instance).RequireClaim(SwitchyardClaims.Role, KeyManagerRoles))
        .AddPolicy(TenantAdmin, p => Caller(p).AddRequirements(TenantAccessRequirement.Instance).RequireClaim(SwitchyardClaims.Role, AdminRoles))
        .AddPolicy(TenantFinance, p => Caller(p).AddRequirements(TenantAccessRequirement.Instance).RequireClaim(SwitchyardClaims.Role, FinanceRoles))
        .AddPolicy(TenantAuditor, p => Caller(p).AddRequirements(TenantAccessRequirement.Instance).RequireClaim(SwitchyardClaims.Role, AuditorRoles))
        .AddPolicy(TeamAdmin, p => Caller(p).AddRequirements(TenantAccessRequirement.Instance, TeamAdminRequirement.Instance).RequireClaim(SwitchyardClaims.Role, KeyManagerRoles))
        .AddPolicy(Undeclared, p => Caller(p).AddRequirements(UndeclaredRequirement.Instance));

    private static AuthorizationPolicyBuilder Caller(AuthorizationPolicyBuilder policy) => policy
        .AddAuthenticationSchemes(AuthSchemes.Switchyard)
        .RequireAuthenticatedUser()
        .RequireClaim(SwitchyardClaims.Role);
}
