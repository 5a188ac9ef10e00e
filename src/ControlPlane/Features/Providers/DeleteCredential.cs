using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;

namespace Switchyard.ControlPlane.Features.Providers;

/// <summary>DELETE /api/tenants/{tenantId}/credentials/{id} (tenant admins): 409 while a route deployment uses it.</summary>
public static class DeleteCredential
{
    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid tenantId, Guid id, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var credential = await db.ProviderCredentials.FindOwnedAsync(tenantId, id, "The credential", cancellationToken);
        if (credential.IsMissing)
        {
            return credential.NotFound;
        }

        if (await db.RouteDeployments.AnyAsync(d => d.CredentialId == id, cancellationToken))
        {
            return Problems.Conflict("The credential is used by a route; change or delete the route first.");
        }

        db.ProviderCredentials.Remove(credential.Row);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
