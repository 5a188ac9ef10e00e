using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchyard.ControlPlane.Features.Teams;
using Switchyard.ControlPlane.Features.Tenants;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.ApiKeys;

/// <summary>A virtual key for the gateway, stored as its hash and a display prefix.</summary>
public sealed class VirtualKey : IConfigEntity, ITenantOwned
{
    public const int NameMaxLength = 200;

    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid TeamId { get; set; }
    public string Name { get; set; } = "";
    public string Hash { get; set; } = "";
    public string Prefix { get; set; } = "";
    public List<string> AllowedModels { get; set; } = [];
    public KeyStatus Status { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>The key's rate limits; null for none.</summary>
    public RateLimits? Limits { get; set; }

    /// <summary>The key's budget; null for none.</summary>
    public Budget? Budget { get; set; }
    /// <summary>Attribution tags (<see cref="TagRules"/>), stored on every usage record of the key; JSON text column.</summary>
    public List<string> Tags { get; set; } = [];

    /// <summary>Free metadata for the tenant's own bookkeeping (JSON text column); not sent to the nodes.</summary>
    public Dictionary<string, string> Metadata { get; set; } = [];

    /// <summary>Requests may add tags with the <c>x-switchyard-tags</c> header.</summary>
    public bool AllowRequestTags { get; set; }

    /// <summary>Policies the key's requests are held to (JSON text column); null for none.</summary>
    public List<Guid>? PolicyIds { get; set; }

    /// <summary>What the key is for, matched against policies' use-case rules; null for none.</summary>
    public string? UseCase { get; set; }

    /// <summary>Who created it: a member id or an admin key id, as text.</summary>
    public string CreatedBy { get; set; } = "";

    /// <summary>The member a personal key belongs to; null for a team's service key.</summary>
    public Guid? OwnerMemberId { get; set; }

    /// <summary>After a rotation: the replaced secret's hash and prefix, accepted until <see cref="PreviousExpiresAt"/>.</summary>
    public string? PreviousHash { get; set; }

    public string? PreviousPrefix { get; set; }

    public DateTimeOffset? PreviousExpiresAt { get; set; }

    public DateTimeOffset? RotatedAt { get; set; }

    /// <summary>Whether the replaced secret still works at <paramref name="now"/>.</summary>
    public bool PreviousSecretLive(DateTimeOffset now) => PreviousHash is not null && PreviousExpiresAt > now;

    /// <summary>
    /// The API's view; <paramref name="now"/> decides whether an active key has expired and whether the replaced secret of a
    /// rotation is still shown (with its expiry).
    /// </summary>
    public KeyDto ToDto(DateTimeOffset now, DateTimeOffset? lastUsedAt = null) => new(
        Id, TenantId, TeamId, Name, Prefix, AllowedModels.ToArray(),
        Status == KeyStatus.Active && ExpiresAt <= now ? "Expired" : Status.ToString(),
        ExpiresAt, CreatedAt, RevokedAt, Limits, Tags.ToArray(), new Dictionary<string, string>(Metadata, StringComparer.Ordinal), AllowRequestTags,
        PolicyIds, UseCase, Budget, OwnerMemberId, CreatedBy,
        PreviousSecretLive(now) && Status == KeyStatus.Active ? PreviousPrefix : null,
        PreviousSecretLive(now) && Status == KeyStatus.Active ? PreviousExpiresAt : null,
        RotatedAt, lastUsedAt);
}

internal sealed class VirtualKeyConfiguration : IEntityTypeConfiguration<VirtualKey>
{
    public void Configure(EntityTypeBuilder<VirtualKey> builder)
    {
        builder.ToTable("VirtualKeys");
        builder.Property(k => k.Name).HasMaxLength(VirtualKey.NameMaxLength);
        builder.Property(k => k.Hash).HasMaxLength(64);
        builder.Property(k => k.Prefix).HasMaxLength(32);
        builder.Property(k => k.CreatedBy).HasMaxLength(100);
        builder.Property(k => k.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(k => k.Limits).HasJsonTextConversion();
        builder.Property(k => k.Budget).HasJsonTextConversion();
        builder.Property(k => k.Tags).HasJsonStringList();
        builder.Property(k => k.Metadata).HasJsonStringMap();
        builder.Property(k => k.PolicyIds).HasJsonTextListConversion();
        builder.Property(k => k.UseCase).HasMaxLength(64);
        builder.Property(k => k.PreviousHash).HasMaxLength(64);
        builder.Property(k => k.PreviousPrefix).HasMaxLength(32);
        builder.HasIndex(k => k.Hash).IsUnique();
        builder.HasIndex(k => k.OwnerMemberId);
        builder.HasIndex(k => new { k.TenantId, k.TeamId });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(k => k.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Team>().WithMany().HasForeignKey(k => k.TeamId).OnDelete(DeleteBehavior.Restrict);
    }
}
