using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Chargeback;

/// <summary>
/// PUT /api/tenants/{tenantId}/chargeback/settings (tenant admins): sets the fixed monthly shared cost (0 for none) and its
/// label (required with a cost). Applies to statements closed from now on; closed statements never change.
/// </summary>
public static class UpdateChargebackSettings
{
    public static async Task<Results<Ok<ChargebackSettingsDto>, ValidationProblem>> HandleAsync(
        Guid tenantId, ChargebackSettingsDto request, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (request.SharedCostMicros is < 0 or > ChargebackSettings.MaxSharedCostMicros)
        {
            errors.Add("sharedCostMicros", $"The sharedCostMicros field must be between 0 and {ChargebackSettings.MaxSharedCostMicros}.");
        }

        if (request.SharedCostMicros > 0)
        {
            errors.Required("sharedCostLabel", request.SharedCostLabel, ChargebackSettings.LabelMaxLength);
        }

        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var settings = await db.Set<ChargebackSettings>().FirstOrDefaultAsync(s => s.TenantId == tenantId, cancellationToken);
        if (settings is null)
        {
            settings = new ChargebackSettings { TenantId = tenantId };
            db.Add(settings);
        }

        settings.SharedCostMicros = request.SharedCostMicros;
        settings.SharedCostLabel = request.SharedCostMicros > 0 ? request.SharedCostLabel.Trim() : "";
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new ChargebackSettingsDto(settings.SharedCostMicros, settings.SharedCostLabel));
    }
}
