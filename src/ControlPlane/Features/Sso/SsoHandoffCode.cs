using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchyard.ControlPlane.Features.Members;
using Switchyard.Shared.Keys;

namespace Switchyard.ControlPlane.Features.Sso;

/// <summary>
/// A one-time code of a finished single sign-on (<see cref="SsoHandoff"/>), stored as its SHA-256 hash so the database
/// never holds a redeemable code. Shared by every control plane: whichever one the portal calls can redeem it, once.
/// Not tenant-filtered: the exchange is anonymous and the code alone names the member.
/// </summary>
public sealed class SsoHandoffCode
{
    /// <summary><see cref="VirtualKeyHash.Compute(ReadOnlySpan{char})"/> of the code (lower-case hex).</summary>
    public string CodeHash { get; set; } = "";

    public Guid MemberId { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

internal sealed class SsoHandoffCodeConfiguration : IEntityTypeConfiguration<SsoHandoffCode>
{
    public void Configure(EntityTypeBuilder<SsoHandoffCode> builder)
    {
        builder.ToTable("SsoHandoffCodes");
        builder.HasKey(c => c.CodeHash);
        builder.Property(c => c.CodeHash).HasMaxLength(VirtualKeyHash.HashLength);
        builder.HasIndex(c => c.ExpiresAt);
        builder.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
