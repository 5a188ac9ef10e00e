using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.ApprovedModels;

/// <summary>A route's deployments against the platform's approved models: nothing to check while the list is empty.</summary>
public static class ApprovedModelCheck
{
    public static async Task ValidateAsync(ValidationErrors errors, IReadOnlyList<DeploymentRequest?> deployments, ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        var approved = await db.ApprovedModels.AsNoTracking().ToListAsync(cancellationToken);
        if (approved.Count == 0)
        {
            return;
        }

        for (var i = 0; i < deployments.Count; i++)
        {
            if (deployments[i] is not { } deployment)
            {
                continue;
            }

            var model = deployment.UpstreamModel?.Trim();
            var entry = approved.FirstOrDefault(a => string.Equals(a.ProviderKind, deployment.ProviderKind, StringComparison.OrdinalIgnoreCase) && a.UpstreamModel == model);
            if (entry is null)
            {
                errors.Add($"deployments[{i}].upstreamModel",
                    $"The model '{model}' of provider kind '{deployment.ProviderKind}' is not approved by the platform (GET /api/platform/approved-models).");
            }
            else if (entry.Regions.Count > 0 && !entry.Regions.Contains(deployment.Region?.Trim() ?? "", StringComparer.Ordinal))
            {
                errors.Add($"deployments[{i}].region", $"The model '{model}' is approved only in the regions {string.Join(", ", entry.Regions)}.");
            }
        }
    }
}
