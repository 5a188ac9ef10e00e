using Microsoft.AspNetCore.Http.HttpResults;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Keys;

namespace Switchyard.ControlPlane.Features.ApiKeys;

/// <summary>
/// POST /api/tenants/{tenantId}/keys/{keyId}/rotate (whoever may revoke the key, see <see cref="KeyScope"/>): a new secret,
/// answered once like a new key. The replaced secret keeps working until the grace period ends (<c>graceSeconds</c>, default
/// 24 h, 0 to 30 days); every node then refuses it by its own clock, without waiting for a snapshot. Rotating again during a
/// grace period ends the older secret at once: only the current and the one it replaced work. Revoked or expired keys
/// cannot be rotated (409). Bumps the revision.
/// </summary>
public static class RotateKey
{
    public const int DefaultGraceSeconds = 24 * 60 * 60;
    public const int MaxGraceSeconds = 30 * 24 * 60 * 60;

    public static async Task<Results<Ok<CreatedKeyDto>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid tenantId, Guid keyId, RotateKeyRequest? request, Caller caller, ControlPlaneDbContext db, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var grace = request?.GraceSeconds ?? DefaultGraceSeconds;
        if (grace is < 0 or > MaxGraceSeconds)
        {
            return new ValidationErrors().Add("graceSeconds", $"The graceSeconds field must be between 0 and {MaxGraceSeconds} (30 days).").ToProblem();
        }

        var key = await db.VirtualKeys.FindOwnedAsync(tenantId, keyId, "The key", cancellationToken);
        var scope = await KeyScope.ForAsync(caller, tenantId, db, cancellationToken);
        if (key.IsMissing || !scope.CanSee(key.Row))
        {
            return Problems.NotFound("The key");
        }

        if (scope.RefuseChange(key.Row) is { } refused)
        {
            return refused;
        }

        var now = time.GetUtcNow();
        var row = key.Row;
        if (row.Status == KeyStatus.Revoked || row.ExpiresAt <= now)
        {
            return Problems.Conflict("A revoked or expired key cannot be rotated; create a new key instead.");
        }

        var secret = VirtualKeyHash.Generate();
        if (grace > 0)
        {
            row.PreviousHash = row.Hash;
            row.PreviousPrefix = row.Prefix;
            row.PreviousExpiresAt = now.AddSeconds(grace);
        }
        else
        {
            row.PreviousHash = null;
            row.PreviousPrefix = null;
            row.PreviousExpiresAt = null;
        }

        row.Hash = VirtualKeyHash.Compute(secret);
        row.Prefix = VirtualKeyHash.DisplayPrefix(secret);
        row.RotatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new CreatedKeyDto(row.ToDto(now), secret));
    }
}
