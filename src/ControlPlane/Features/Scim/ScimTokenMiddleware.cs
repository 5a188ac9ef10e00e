using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Features.Audit;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Keys;

namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>
/// Authenticates every <c>/scim/v2</c> request, before its endpoint binds anything, by its <c>Authorization: Bearer sy-scim-…</c> token (looked up by hash on
/// each request, so a revoked token stops at once) and confines the request to the token's tenant: the
/// <see cref="TenantScope"/> is restricted to it, so another tenant's users and groups answer 404. A missing, unknown or
/// revoked token answers 401, a deactivated tenant 403, both in SCIM's error shape. Admin keys and member tokens are
/// not accepted here, nor SCIM tokens anywhere else. The token (by id) is the request's <see cref="AdminAuditActor"/>.
/// </summary>
internal sealed class ScimTokenMiddleware(RequestDelegate next, TimeProvider time, IOptions<ScimOptions> options)
{
    private const string BearerPrefix = "Bearer ";
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(5);

    public async Task InvokeAsync(HttpContext http)
    {
        string? header = http.Request.Headers.Authorization;
        if (header is null || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            || !header.AsSpan(BearerPrefix.Length).Trim().StartsWith(ScimTokenFormat.Prefix, StringComparison.Ordinal))
        {
            await Unauthorized(http, "A SCIM bearer token is required (Authorization: Bearer sy-scim-…).");
            return;
        }

        var hash = VirtualKeyHash.Compute(header.AsSpan(BearerPrefix.Length).Trim());
        var db = http.RequestServices.GetRequiredService<ControlPlaneDbContext>();
        var token = await db.ScimTokens.AsNoTracking().IgnoreQueryFilters()
            .Where(t => t.Hash == hash && t.RevokedAt == null)
            .Select(t => new { t.Id, t.TenantId, t.LastUsedAt })
            .FirstOrDefaultAsync(http.RequestAborted);
        if (token is null)
        {
            await Unauthorized(http, "The SCIM token is unknown or revoked.");
            return;
        }

        if (!await db.Tenants.AsNoTracking().AnyAsync(t => t.Id == token.TenantId && t.Active, http.RequestAborted))
        {
            await ScimResults.Error(StatusCodes.Status403Forbidden, null, "The tenant is deactivated.").ExecuteAsync(http);
            return;
        }

        var now = time.GetUtcNow();
        if (token.LastUsedAt is not { } used || now - used >= LastUsedResolution)
        {
            await db.ScimTokens.IgnoreQueryFilters().Where(t => t.Id == token.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), http.RequestAborted);
        }

        http.RequestServices.GetRequiredService<TenantScope>().Restrict(token.TenantId);
        http.Features.Set(new ScimClient(token.TenantId, token.Id, options.Value.BaseUrl(http.Request)));
        http.Features.Set(AdminAuditActor.ScimToken(token.Id, token.TenantId));
        await next(http);
    }

    private static Task Unauthorized(HttpContext http, string detail)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer realm=\"scim\"";
        return ScimResults.Error(StatusCodes.Status401Unauthorized, null, detail).ExecuteAsync(http);
    }
}
