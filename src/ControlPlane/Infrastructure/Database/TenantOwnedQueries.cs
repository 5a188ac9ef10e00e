using Microsoft.EntityFrameworkCore;

namespace Switchyard.ControlPlane.Infrastructure.Database;

/// <summary>The one way a handler loads a tenant-owned row by id: the row of that tenant, or a 404 answer.</summary>
public static class TenantOwnedQueries
{
    /// <summary>
    /// Loads the row of <paramref name="tenantId"/> with id <paramref name="id"/> from <paramref name="rows"/> (tracked unless
    /// the query says <c>AsNoTracking</c>). A row of another tenant is treated exactly like a missing one.
    /// </summary>
    /// <param name="what">How the 404 names the row, e.g. "The team".</param>
    public static async Task<OwnedRow<T>> FindOwnedAsync<T>(
        this IQueryable<T> rows, Guid tenantId, Guid id, string what, CancellationToken cancellationToken)
        where T : class, ITenantOwned
    {
        var row = await rows.FirstOrDefaultAsync(
            r => EF.Property<Guid>(r, nameof(ITenantOwned.TenantId)) == tenantId && EF.Property<Guid>(r, "Id") == id, cancellationToken);
        return new OwnedRow<T>(row, what);
    }
}
