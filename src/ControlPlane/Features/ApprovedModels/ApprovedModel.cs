using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.ApprovedModels;

/// <summary>
/// A platform-wide approval of an upstream model (optionally only in some regions). While the list is empty every model
/// may be routed (existing setups keep working); once it has an entry, a route can only target approved models. The list
/// travels in the snapshot (a change bumps the revision), and nodes refuse requests only unapproved deployments could serve.
/// </summary>
public sealed class ApprovedModel : IConfigEntity
{
    public const int UpstreamModelMaxLength = 200;

    public Guid Id { get; set; }
    public string ProviderKind { get; set; } = "";
    public string UpstreamModel { get; set; } = "";

    /// <summary>JSON text column; empty: any region.</summary>
    public List<string> Regions { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public ApprovedModelDto ToDto() => new(Id, ProviderKind, UpstreamModel, [.. Regions], CreatedAt);
}

internal sealed class ApprovedModelConfiguration : IEntityTypeConfiguration<ApprovedModel>
{
    public void Configure(EntityTypeBuilder<ApprovedModel> builder)
    {
        builder.ToTable("ApprovedModels");
        builder.Property(m => m.ProviderKind).HasMaxLength(32);
        builder.Property(m => m.UpstreamModel).HasMaxLength(ApprovedModel.UpstreamModelMaxLength);
        builder.Property(m => m.Regions).HasJsonStringList();
        builder.HasIndex(m => new { m.ProviderKind, m.UpstreamModel }).IsUnique();
    }
}
