using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchyard.ControlPlane.Features.Providers;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Routes;

/// <summary>One provider deployment of a route, kept in the order the route lists them.</summary>
public sealed class RouteDeployment : IConfigEntity
{
    public Guid Id { get; set; }
    public Guid RouteId { get; set; }
    public int Position { get; set; }
    public string ProviderKind { get; set; } = "";
    public string UpstreamModel { get; set; } = "";
    public string? BaseUrl { get; set; }
    public Guid? CredentialId { get; set; }
    public int Weight { get; set; } = 1;

    /// <summary>Provider-specific settings, stored as a JSON object in a text column.</summary>
    public Dictionary<string, string> Settings { get; set; } = [];

    /// <summary>The admin's override of the model catalog's capabilities (JSON text column); null uses the catalog.</summary>
    public ModelCapabilities? Capabilities { get; set; }

    /// <summary>For the priority strategy: lower tiers first.</summary>
    public int Priority { get; set; }

    /// <summary>USD per million input tokens for the cost strategy; null: the pricing catalog's.</summary>
    public decimal? InputPricePerMTok { get; set; }

    /// <summary>USD per million output tokens for the cost strategy; null: the pricing catalog's.</summary>
    public decimal? OutputPricePerMTok { get; set; }

    /// <summary>Active health check interval on each node; null: off.</summary>
    public int? HealthCheckIntervalSeconds { get; set; }

    /// <summary>Where the deployment processes data; null: unknown.</summary>
    public string? Region { get; set; }
}

internal sealed class RouteDeploymentConfiguration : IEntityTypeConfiguration<RouteDeployment>
{
    public void Configure(EntityTypeBuilder<RouteDeployment> builder)
    {
        builder.ToTable("RouteDeployments");
        builder.Property(d => d.ProviderKind).HasMaxLength(32);
        builder.Property(d => d.UpstreamModel).HasMaxLength(DeploymentRules.UpstreamModelMaxLength);
        builder.Property(d => d.BaseUrl).HasMaxLength(2048);
        builder.Property(d => d.Settings).HasJsonStringMap();
        builder.Property(d => d.Capabilities)
            .HasConversion(
                v => JsonSerializer.Serialize(v, SwitchyardJson.Options),
                v => JsonSerializer.Deserialize<ModelCapabilities>(v, SwitchyardJson.Options))
            .HasColumnType("text");
        builder.Property(d => d.InputPricePerMTok).HasPrecision(18, 6);
        builder.Property(d => d.OutputPricePerMTok).HasPrecision(18, 6);
        builder.HasIndex(d => d.CredentialId);
        builder.HasOne<ProviderCredential>().WithMany().HasForeignKey(d => d.CredentialId).OnDelete(DeleteBehavior.Restrict);
    }
}
