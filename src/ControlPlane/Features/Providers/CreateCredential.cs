using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Quotas;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Providers;

/// <summary>
/// POST /api/tenants/{tenantId}/credentials (tenant admins). Kind and secret are checked against the rules nodes apply
/// (<see cref="CredentialRules"/>); the secret is encrypted at rest; the tenant's <c>credentials</c> quota applies (409). Bumps the
/// revision.
/// </summary>
public static class CreateCredential
{
    public const int MaxSecretLength = 8192;

    public static async Task<Results<Created<CredentialDto>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid tenantId, CreateCredentialRequest request, ControlPlaneDbContext db, CredentialProtector protector,
        TenantQuotas quotas, TimeProvider time, CancellationToken cancellationToken)
    {
        var credentialErrors = new List<ConfigFieldError>();
        CredentialRules.Validate(request.ProviderKind, request.Secret, credentialErrors);
        var errors = new ValidationErrors()
            .Required("name", request.Name, ProviderCredential.NameMaxLength)
            .Add("", credentialErrors);
        var secret = (request.Secret ?? "").Trim();
        if (secret.Length > MaxSecretLength)
        {
            errors.Add("secret", $"The secret field must be at most {MaxSecretLength} characters.");
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

        var tenantQuotas = await quotas.ForTenantAsync(db, tenantId, cancellationToken);
        if (await tenantQuotas.Credentials.RefusesOneMoreAsync(QuotaUsage.Credentials(db, tenantId), cancellationToken) is { } tooMany)
        {
            return tooMany;
        }

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
