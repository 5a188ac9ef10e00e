using Microsoft.AspNetCore.Authorization;

namespace Switchyard.ControlPlane.Features.Auth;

/// <summary>
/// The caller may see the tenant named by the route's <c>{tenantId}</c> (a platform admin every tenant, anyone else their
/// own) and that tenant exists. Failing it answers 404, never 403 (see <see cref="AdminAuthorizationResultHandler"/>).
/// </summary>
public sealed class TenantAccessRequirement : IAuthorizationRequirement
{
    public const string RouteValue = "tenantId";

    public static readonly TenantAccessRequirement Instance = new();

    private TenantAccessRequirement()
    {
    }
}
