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

    public MemberDto ToDto(IReadOnlyList<MemberTeamDto>? teams = null) => new(Id, TenantId, Email ?? "", Role, teams ?? [], DeactivatedAt is null);
}

internal sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> builder)
    {
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(32);
        builder.HasIndex(m => m.TenantId);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(m => m.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
