using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Auth;
using Switchyard.ControlPlane.Features.Quotas;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Errors;
using Switchyard.ControlPlane.Infrastructure.Validation;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Members;

/// <summary>
/// POST /api/tenants/{tenantId}/members (tenant admins). Only a platform admin can grant the platform admin role.
/// Emails are unique across tenants: a taken email answers 409, as does a full <c>members</c> quota.
/// </summary>
public static class CreateMember
{
    public static async Task<Results<Created<MemberDto>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid tenantId, CreateMemberRequest request, Caller caller, UserManager<Member> userManager, ControlPlaneDbContext db,
        TenantQuotas quotas, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors().Required("email", request.Email, 256);
        if (!string.IsNullOrWhiteSpace(request.Email) && !new EmailAddressAttribute().IsValid(request.Email.Trim()))
        {
            errors.Add("email", "The email field is not a valid email address.");
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            errors.Add("password", "The password field is required.");
        }

        if (!Enum.IsDefined(request.Role))
        {
            errors.Add("role", "The role field is not a known role.");
        }
        else if (request.Role == MemberRole.PlatformAdmin && !caller.IsPlatformAdmin)
        {
            errors.Add("role", "Only a platform admin can grant the PlatformAdmin role.");
        }

        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var email = request.Email.Trim();
        var normalized = userManager.NormalizeEmail(email);
        if (await db.Users.IgnoreQueryFilters().AnyAsync(m => m.NormalizedEmail == normalized || m.NormalizedUserName == normalized, cancellationToken))
        {
            return Problems.Conflict("A member with this email already exists.");
        }

        var tenantQuotas = await quotas.ForTenantAsync(db, tenantId, cancellationToken);
        if (await tenantQuotas.Members.RefusesOneMoreAsync(QuotaUsage.Members(db, tenantId), cancellationToken) is { } tooMany)
        {
            return tooMany;
        }

        var member = new Member
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenantId,
            Email = email,
            UserName = email,
            Role = request.Role,
            CreatedAt = time.GetUtcNow(),
        };
        var result = await userManager.CreateAsync(member, request.Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                errors.Add(error.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "email", error.Description);
            }

            return errors.ToProblem();
        }

        return TypedResults.Created($"/api/tenants/{tenantId}/members/{member.Id}", member.ToDto());
    }
}
