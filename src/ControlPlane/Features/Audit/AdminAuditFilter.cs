using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Audit;

/// <summary>
/// Records every mutating call (POST, PUT, PATCH, DELETE) of a signed-in caller to the admin API — the portal's included,
/// since it calls the same API — as an <see cref="AuditAdminEntry"/>: who (<see cref="Caller.Audit"/>), the endpoint,
/// the object, the changes its SaveChanges made (<see cref="AdminAuditScope"/>), the source address and the status it
/// answered, appended to the route tenant's admin chain (platform-level calls: <see cref="Guid.Empty"/>). The entry is
/// written after the call, in its own transaction: a call whose entry cannot be written answers 500.
/// Calls refused before the endpoint runs (authentication, authorisation) are not recorded here.
/// </summary>
public sealed class AdminAuditFilter(IServiceScopeFactory scopes, TimeProvider time, ILogger<AdminAuditFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var method = http.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || Caller.FromPrincipal(http.User) is not { } caller)
        {
            return await next(context);
        }

        var scope = new AdminAuditScope();
        http.Features.Set(scope);
        object? result;
        try
        {
            result = await next(context);
        }
        catch (Exception ex)
        {
            try
            {
                await WriteAsync(http, caller, scope, StatusCodes.Status500InternalServerError);
            }
            catch (Exception auditFailure)
            {
                logger.LogError(auditFailure, "The audit entry of a failed admin call could not be written.");
            }

            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex);
            throw;
        }

        await WriteAsync(http, caller, scope, StatusOf(result, http));
        return result;
    }

    private static int StatusOf(object? result, HttpContext http)
    {
        while (result is INestedHttpResult nested)
        {
            if (result is IStatusCodeHttpResult { StatusCode: { } outer })
            {
                return outer;
            }

            result = nested.Result;
        }

        return result is IStatusCodeHttpResult { StatusCode: { } status } ? status : http.Response.StatusCode;
    }

    private async Task WriteAsync(HttpContext http, Caller caller, AdminAuditScope scope, int status)
    {
        http.Features.Set<AdminAuditScope>(null);
        var endpoint = http.GetEndpoint();
        var route = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value ?? "";
        var tenantId = http.Request.RouteValues.TryGetValue("tenantId", out var t) && Guid.TryParse(Convert.ToString(t, System.Globalization.CultureInfo.InvariantCulture), out var id) ? id : Guid.Empty;
        var objectId = scope.ObjectId ?? http.Request.RouteValues.Where(v => v.Key != "tenantId" && Guid.TryParse(Convert.ToString(v.Value, System.Globalization.CultureInfo.InvariantCulture), out _))
            .Select(v => Convert.ToString(v.Value, System.Globalization.CultureInfo.InvariantCulture)).LastOrDefault();
        var action = endpoint?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? $"{http.Request.Method} {route}";
        var entry = new AuditAdminEntry
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            TenantId = tenantId,
            Timestamp = AuditHashing.Storable(time.GetUtcNow()),
            Actor = caller.Audit,
            Action = Cut(action, AuditAdminEntry.ActionMaxLength),
            Method = http.Request.Method,
            Path = Cut(http.Request.Path.Value ?? "", AuditAdminEntry.PathMaxLength),
            ObjectType = scope.ObjectType,
            ObjectId = objectId is null ? null : Cut(objectId, AuditAdminEntry.ObjectMaxLength),
            Changes = scope.Changes.Count == 0 ? null : scope.Changes.ToJsonString(),
            SourceAddress = http.Connection.RemoteIpAddress?.ToString(),
            StatusCode = status,
        };

        await using var services = scopes.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<ControlPlaneDbContext>();
        await db.Database.OpenConnectionAsync(http.RequestAborted);
        try
        {
            // Not the caller's cancellation: the action happened, its entry is written even if the caller left.
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
            var head = await AuditChains.LockAsync(db, tenantId, AuditChainKinds.Admin, "", CancellationToken.None);
            AuditChains.Append(head, entry);
            db.Set<AuditAdminEntry>().Add(entry);
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
