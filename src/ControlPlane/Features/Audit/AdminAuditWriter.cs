using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Audit;

/// <summary>
/// Builds admin audit entries from the call's request (who, which endpoint, which tenant's chain, the object, the source
/// address) and appends them to the chain: inside the caller's transaction (<see cref="AppendAsync"/>, used by
/// <see cref="AdminAuditInterceptor"/> so the entry commits with the change), or in a transaction of its own
/// (<see cref="WriteAsync"/>, for calls that saved nothing).
/// </summary>
public sealed class AdminAuditWriter(IServiceScopeFactory scopes, TimeProvider time)
{
    /// <summary>The chain an entry of this request belongs to: the route's tenant, or <see cref="Guid.Empty"/> (platform level).</summary>
    public static Guid TenantOf(HttpContext http) =>
        http.Request.RouteValues.TryGetValue("tenantId", out var t) && Guid.TryParse(Convert.ToString(t, CultureInfo.InvariantCulture), out var id) ? id : Guid.Empty;

    public AuditAdminEntry Create(HttpContext http, AdminAuditActor actor, int status, string outcome, JsonArray? changes = null, string? objectType = null, string? objectId = null)
    {
        var endpoint = http.GetEndpoint();
        var route = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value ?? "";
        objectId ??= http.Request.RouteValues.Where(v => v.Key != "tenantId" && Guid.TryParse(Convert.ToString(v.Value, CultureInfo.InvariantCulture), out _))
            .Select(v => Convert.ToString(v.Value, CultureInfo.InvariantCulture)).LastOrDefault();
        var action = endpoint?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? $"{http.Request.Method} {route}";
        var now = time.GetUtcNow();
        return new AuditAdminEntry
        {
            Id = Guid.CreateVersion7(now),
            TenantId = actor.TenantId,
            Timestamp = AuditHashing.Storable(now),
            Actor = Cut(actor.Actor, AuditAdminEntry.ActorMaxLength),
            Action = Cut(action, AuditAdminEntry.ActionMaxLength),
            Method = http.Request.Method,
            Path = Cut(http.Request.Path.Value ?? "", AuditAdminEntry.PathMaxLength),
            ObjectType = objectType,
            ObjectId = objectId is null ? null : Cut(objectId, AuditAdminEntry.ObjectMaxLength),
            Changes = changes is null || changes.Count == 0 ? null : changes.ToJsonString(),
            SourceAddress = http.Connection.RemoteIpAddress?.ToString(),
            StatusCode = status,
            Outcome = outcome,
        };
    }

    /// <summary>
    /// The status a call that saved its changes answers: the lowest success status its endpoint declares (201 for a
    /// create, 204 for a delete without body), 200 when it declares none.
    /// </summary>
    public static int SuccessStatusOf(HttpContext http) =>
        http.GetEndpoint()?.Metadata.OfType<Microsoft.AspNetCore.Http.Metadata.IProducesResponseTypeMetadata>()
            .Select(m => m.StatusCode).Where(s => s is >= 200 and < 300).DefaultIfEmpty(StatusCodes.Status200OK).Min()
        ?? StatusCodes.Status200OK;

    /// <summary>Appends <paramref name="entry"/> to its chain in <paramref name="db"/>'s current transaction (the chain stays locked until it ends).</summary>
    public static async Task AppendAsync(ControlPlaneDbContext db, AuditAdminEntry entry, CancellationToken cancellationToken)
    {
        var head = await AuditChains.LockAsync(db, entry.TenantId, AuditChainKinds.Admin, "", cancellationToken);
        AuditChains.Append(head, entry);
        db.Set<AuditAdminEntry>().Add(entry);
    }

    /// <summary>Writes <paramref name="entry"/> in a transaction of its own (not the caller's cancellation: the call happened).</summary>
    public async Task WriteAsync(AuditAdminEntry entry)
    {
        await using var services = scopes.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<ControlPlaneDbContext>();
        await db.Database.OpenConnectionAsync(CancellationToken.None);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
            await AppendAsync(db, entry, CancellationToken.None);
            await db.SaveChangesAsync(CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static string Cut(string value, int maxLength) => value.Length <= maxLength ? value : value[..maxLength];
}
