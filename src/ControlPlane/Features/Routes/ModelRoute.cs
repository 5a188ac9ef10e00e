using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchyard.ControlPlane.Features.Tenants;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Routes;

/// <summary>A public model name of one tenant and the pool of deployments that serve it.</summary>
public sealed class ModelRoute : IConfigEntity, ITenantOwned
{
    public const int PublicModelMaxLength = RouteRules.PublicModelMaxLength;

    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public string PublicModel { get; set; } = "";
    public string Strategy { get; set; } = RoutingStrategies.Weighted;

    /// <summary>True: the data plane drops parameters a deployment's model cannot serve instead of answering 400.</summary>
    public bool DropUnsupportedParams { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<RouteDeployment> Deployments { get; set; } = [];

    public RouteDto ToDto() => new(
        Id, TenantId, PublicModel, Strategy,
        Deployments.OrderBy(d => d.Position).Select(d => new DeploymentDto(
            d.Id, d.ProviderKind, d.UpstreamModel, d.BaseUrl, d.CredentialId, d.Weight,
            new SortedDictionary<string, string>(d.Settings, StringComparer.Ordinal), d.Capabilities)).ToArray(),
        DropUnsupportedParams);
}

internal sealed class ModelRouteConfiguration : IEntityTypeConfiguration<ModelRoute>
{
    public void Configure(EntityTypeBuilder<ModelRoute> builder)
    {
        builder.ToTable("ModelRoutes");
        builder.Property(r => r.PublicModel).HasMaxLength(ModelRoute.PublicModelMaxLength);
        builder.Property(r => r.Strategy).HasMaxLength(64);
        builder.HasIndex(r => new { r.TenantId, r.PublicModel }).IsUnique();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Deployments).WithOne().HasForeignKey(d => d.RouteId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Deployments).AutoInclude();
    }
}
