using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Governance.Policies;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.ApprovedModels;

/// <summary>
/// POST /api/platform/approved-models (platform admins). The first approval turns the check on: from then on a route
/// (new or changed) can only target approved models. Routes saved before are left as they are.
/// </summary>
public static class CreateApprovedModel
{
    public static async Task<Results<Created<ApprovedModelDto>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        ApprovedModelRequest request, ControlPlaneDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors().Required("upstreamModel", request.UpstreamModel, ApprovedModel.UpstreamModelMaxLength);
        if (!ProviderKinds.All.Contains(request.ProviderKind, StringComparer.Ordinal))
        {
            errors.Add("providerKind", $"The providerKind field must be one of: {string.Join(", ", ProviderKinds.All)}.");
        }

        var found = new List<ConfigFieldError>();
        PolicyValidator.ValidateRegions(request.Regions, found);
        errors.Add("", found);
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var model = request.UpstreamModel.Trim();
        if (await db.ApprovedModels.AnyAsync(m => m.ProviderKind == request.ProviderKind && m.UpstreamModel == model, cancellationToken))
        {
            return Problems.Conflict($"The model '{model}' of provider kind '{request.ProviderKind}' is already approved.");
        }

        var approved = new ApprovedModel
        {
            Id = Guid.CreateVersion7(),
            ProviderKind = request.ProviderKind,
            UpstreamModel = model,
            Regions = [.. request.Regions ?? []],
            CreatedAt = time.GetUtcNow(),
        };
        db.ApprovedModels.Add(approved);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/platform/approved-models/{approved.Id}", approved.ToDto());
    }
}
