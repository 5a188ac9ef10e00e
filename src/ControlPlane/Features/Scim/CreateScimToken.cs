using Microsoft.AspNetCore.Http.HttpResults;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>
/// POST /api/tenants/{tenantId}/scim/tokens (tenant admins): a token for the tenant's identity provider. It is returned
/// once and stored only as its hash and display prefix; it authenticates the SCIM endpoints for this tenant and nothing else.
/// </summary>
public static class CreateScimToken
{
    public static async Task<Results<Created<CreatedScimTokenDto>, ValidationProblem>> HandleAsync(
        Guid tenantId, CreateScimTokenRequest request, ControlPlaneDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors().Required("name", request.Name, ScimToken.NameMaxLength);
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var secret = ScimTokenFormat.Generate();
        var token = ScimToken.Create(secret, request.Name.Trim(), tenantId, time.GetUtcNow());
        db.ScimTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/tenants/{tenantId}/scim/tokens/{token.Id}", new CreatedScimTokenDto(token.ToDto(), secret));
    }
}
