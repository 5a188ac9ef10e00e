using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Audit;

/// <summary>
/// GET /api/tenants/{tenantId}/audit?…&amp;limit=&amp;before=: the audit log, newest first (by entry id, which is
/// time-ordered), filtered by <see cref="AuditQuery"/>; <c>limit</c> 1..1000 (default 100), <c>before</c> the previous
/// page's <c>next</c>.
/// </summary>
public static class ListAuditEntries
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static async Task<Results<Ok<AuditRequestPage>, Ok<AuditAdminPage>, ValidationProblem>> HandleAsync(
        Guid tenantId, AuditQuery query, int? limit, Guid? before, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var errors = query.Validate();
        var take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit)
        {
            errors.Add("limit", $"The limit field must be between 1 and {MaxLimit}.");
        }

        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        if (query.IsAdmin)
        {
            var admin = query.ApplyAdmin(db, tenantId);
            if (before is { } b)
            {
                admin = admin.Where(e => e.Id.CompareTo(b) < 0);
            }

            var rows = await admin.OrderByDescending(e => e.Id).Take(take + 1).ToListAsync(cancellationToken);
            return TypedResults.Ok(new AuditAdminPage(rows.Take(take).Select(e => e.ToDto()).ToArray(), rows.Count > take ? rows[take - 1].Id : null));
        }

        var requests = query.Apply(db, tenantId);
        if (before is { } r)
        {
            requests = requests.Where(e => e.Id.CompareTo(r) < 0);
        }

        var entries = await requests.OrderByDescending(e => e.Id).Take(take + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(new AuditRequestPage(entries.Take(take).Select(e => e.ToDto()).ToArray(), entries.Count > take ? entries[take - 1].Id : null));
    }
}
