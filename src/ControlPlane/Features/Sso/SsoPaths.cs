namespace Switchyard.ControlPlane.Features.Sso;

/// <summary>Reads the tenant out of <c>/api/auth/sso/{tenantId}/login</c> and <c>/api/auth/sso/{tenantId}/callback</c>.</summary>
public static class SsoPaths
{
    public static bool IsSsoPath(PathString path) => path.StartsWithSegments("/api/auth/sso", StringComparison.OrdinalIgnoreCase);

    public static bool TryGetTenant(PathString path, out Guid tenantId)
    {
        tenantId = Guid.Empty;
        if (!path.StartsWithSegments("/api/auth/sso", StringComparison.OrdinalIgnoreCase, out var rest) || !rest.HasValue)
        {
            return false;
        }

        var parts = rest.Value!.Trim('/').Split('/');
        return parts.Length == 2 && parts[1] is "login" or "callback" && Guid.TryParseExact(parts[0], "D", out tenantId);
    }
}
