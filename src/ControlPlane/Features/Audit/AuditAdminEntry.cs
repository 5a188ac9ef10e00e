using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Switchyard.ControlPlane.Features.Audit;

/// <summary>
/// One mutating admin API call (the portal's included): who, what, on which object, the values before and after (secrets
/// left out), from where, and how it ended. Chained per tenant (<see cref="Guid.Empty"/>: platform-level actions).
/// </summary>
public sealed class AuditAdminEntry
{
    public const int ActorMaxLength = 100;
    public const int ActionMaxLength = 200;
    public const int ObjectMaxLength = 100;
    public const int PathMaxLength = 500;

    public Guid Id { get; set; }

    /// <summary>The tenant the action concerned; <see cref="Guid.Empty"/> for platform-level actions.</summary>
    public Guid TenantId { get; set; }
    public long Sequence { get; set; }
    public DateTimeOffset Timestamp { get; set; }

    /// <summary>
    /// <c>member:&lt;id&gt;</c> or <c>admin-key:&lt;id&gt;</c> (<c>Caller.Audit</c>), <c>scim-token:&lt;id&gt;</c> for SCIM
    /// provisioning; <c>anonymous</c> before sign-in.
    /// </summary>
    public string Actor { get; set; } = "";

    /// <summary>The endpoint's name (e.g. <c>UpdateKey</c>), or method and route when it has none.</summary>
    public string Action { get; set; } = "";
    public string Method { get; set; } = "";
    public string Path { get; set; } = "";
    public string? ObjectType { get; set; }
    public string? ObjectId { get; set; }

    /// <summary>JSON: every row the call changed, with the changed values before and after (secrets left out); null: none.</summary>
    public string? Changes { get; set; }
    public string? SourceAddress { get; set; }

    /// <summary>The HTTP status the call answered (for a <c>saved</c> entry: the success status its endpoint declares).</summary>
    public int StatusCode { get; set; }

    /// <summary>How the call ended (<see cref="AdminAuditOutcomes"/>); null on entries written before outcomes were recorded.</summary>
    public string? Outcome { get; set; }
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
}

internal sealed class AuditAdminEntryConfiguration : IEntityTypeConfiguration<AuditAdminEntry>
{
    public void Configure(EntityTypeBuilder<AuditAdminEntry> builder)
    {
        builder.ToTable("AuditAdminEntries");
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Actor).HasMaxLength(AuditAdminEntry.ActorMaxLength);
        builder.Property(e => e.Action).HasMaxLength(AuditAdminEntry.ActionMaxLength);
        builder.Property(e => e.Method).HasMaxLength(16);
        builder.Property(e => e.Path).HasMaxLength(AuditAdminEntry.PathMaxLength);
        builder.Property(e => e.ObjectType).HasMaxLength(AuditAdminEntry.ObjectMaxLength);
        builder.Property(e => e.ObjectId).HasMaxLength(AuditAdminEntry.ObjectMaxLength);
        builder.Property(e => e.Changes).HasColumnType("text");
        builder.Property(e => e.SourceAddress).HasMaxLength(64);
        builder.Property(e => e.Outcome).HasMaxLength(16);
        builder.Property(e => e.PreviousHash).HasMaxLength(64);
        builder.Property(e => e.Hash).HasMaxLength(64);
        builder.HasIndex(e => new { e.TenantId, e.Sequence }).IsUnique();
        builder.HasIndex(e => new { e.TenantId, e.Timestamp });
    }
}
