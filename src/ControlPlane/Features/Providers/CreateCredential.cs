using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Providers;

/// <summary>
/// POST /api/tenants/{tenantId}/credentials (tenant admins). The secret is checked against the kind's format (see
/// <see cref="CredentialRules"/>) and encrypted at rest; bumps the revision.
/// </summary>
public static class CreateCredential
{
    public static async Task<Results<Created<CredentialDto>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid tenantId, CreateCredentialRequest request, Caller caller, ControlPlaneDbContext db, CredentialProtector protector,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (!caller.IsTenantAdmin)
        {
            return Problems.Forbidden("Only tenant administrators can add provider credentials.");
        }

        var errors = new ValidationErrors()
            .Required("name", request.Name, ProviderCredential.NameMaxLength)
            .Required("secret", request.Secret, 8192);
        if (!ProviderKinds.All.Contains(request.ProviderKind))
        {
            errors.Add("providerKind", $"The providerKind field must be one of: {string.Join(", ", ProviderKinds.All)}.");
        }
        else if (!string.IsNullOrWhiteSpace(request.Secret) && CredentialRules.ValidateSecret(request.ProviderKind, request.Secret.Trim()) is { } secretError)
        {
            errors.Add("secret", secretError);
        }

        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var name = request.Name.Trim();
        if (await db.ProviderCredentials.AnyAsync(c => c.TenantId == tenantId && c.Name == name, cancellationToken))
        {
            return Problems.Conflict($"A credential named '{name}' already exists in this tenant.");
        }

        var secret = request.Secret.Trim();
        var credential = new ProviderCredential
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenantId,
            Name = name,
            ProviderKind = request.ProviderKind,
            ProtectedSecret = protector.Protect(secret),
            SecretHint = CredentialProtector.Hint(secret),
            CreatedAt = time.GetUtcNow(),
        };
        db.ProviderCredentials.Add(credential);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/tenants/{tenantId}/credentials/{credential.Id}", credential.ToDto());
    }
}
