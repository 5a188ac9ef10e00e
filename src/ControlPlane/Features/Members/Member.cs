using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchyard.ControlPlane.Features.Tenants;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Members;

/// <summary>A person who signs in to the portal or admin API (an ASP.NET Core Identity user).</summary>
public sealed class Member : IdentityUser<Guid>, ITenantOwned
{
    public Guid TenantId { get; set; }
    public MemberRole Role { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the member was deactivated (no sign-in, personal keys revoked); null while active.</summary>
    public DateTimeOffset? DeactivatedAt { get; set; }

    /// <summary>How the member was created (local, SSO just in time, SCIM).</summary>
    public MemberSource Source { get; set; }

    /// <summary>The identity provider's id for the person (OIDC subject or SCIM externalId); null for local members.</summary>
    public string? ExternalId { get; set; }

    /// <summary>The person's given name, as the identity provider sends it (SCIM <c>name.givenName</c>); null when unknown.</summary>
    public string? GivenName { get; set; }

    /// <summary>The person's family name (SCIM <c>name.familyName</c>); null when unknown.</summary>
    public string? FamilyName { get; set; }

    /// <summary>The name to show for the person (SCIM <c>displayName</c>); null when unknown.</summary>
    public string? DisplayName { get; set; }

    public MemberDto ToDto(IReadOnlyList<MemberTeamDto>? teams = null) =>
        new(Id, TenantId, Email ?? "", Role, teams ?? [], DeactivatedAt is null, Source, DisplayName);
}

internal sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    /// <summary>The longest external id, given name, family name or display name kept.</summary>
    public const int NameMaxLength = 256;

    public void Configure(EntityTypeBuilder<Member> builder)
    {
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(32);
        builder.Property(m => m.Source).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.ExternalId).HasMaxLength(NameMaxLength);
        builder.Property(m => m.GivenName).HasMaxLength(NameMaxLength);
        builder.Property(m => m.FamilyName).HasMaxLength(NameMaxLength);
        builder.Property(m => m.DisplayName).HasMaxLength(NameMaxLength);
        builder.HasIndex(m => m.TenantId);
        builder.HasIndex(m => new { m.TenantId, m.ExternalId }).IsUnique().HasFilter("\"ExternalId\" IS NOT NULL");
        builder.HasOne<Tenant>().WithMany().HasForeignKey(m => m.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
