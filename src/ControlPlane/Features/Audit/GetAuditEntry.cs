using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Audit;

/// <summary>
/// GET /api/tenants/{tenantId}/audit/{entryId}: a request entry with its bodies decrypted (they were redacted by the
/// tenant's DLP rules before they were captured), or an admin entry.
/// </summary>
public static class GetAuditEntry
{
    public static async Task<Results<Ok<AuditRequestDetailDto>, Ok<AuditAdminEntryDto>, ProblemHttpResult>> HandleAsync(
        Guid tenantId, Guid entryId, ControlPlaneDbContext db, AuditBodyCipher cipher, CancellationToken cancellationToken)
    {
        var entry = await db.Set<AuditRequestEntry>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == entryId && e.TenantId == tenantId, cancellationToken);
        if (entry is null)
        {
            var admin = await db.Set<AuditAdminEntry>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == entryId && e.TenantId == tenantId, cancellationToken);
            return admin is null ? Problems.NotFound("The audit entry") : TypedResults.Ok(admin.ToDto());
        }

        var request = await cipher.DecryptAsync(db, tenantId, entry.BodyKeyId, entry.Id, entry.RequestBody, cancellationToken);
        var response = await cipher.DecryptAsync(db, tenantId, entry.BodyKeyId, entry.Id, entry.ResponseBody, cancellationToken);
        var unreadable = (entry.RequestBody is not null && request is null) || (entry.ResponseBody is not null && response is null);
        return TypedResults.Ok(new AuditRequestDetailDto(
            entry.ToDto(),
            request is null ? null : Encoding.UTF8.GetString(request),
            response is null ? null : Encoding.UTF8.GetString(response),
            request is not null && request.Length < entry.RequestBytes,
            response is not null && response.Length < entry.ResponseBytes,
            unreadable));
    }
}
