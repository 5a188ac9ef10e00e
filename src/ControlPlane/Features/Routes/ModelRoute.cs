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

    /// <summary>Public models of the same tenant tried in order after the deployments (JSON text column); null: none.</summary>
    public List<string>? Fallbacks { get; set; }

    /// <summary>Public models tried when the input is too long for the model (JSON text column); null: none.</summary>
    public List<string>? ContextWindowFallbacks { get; set; }

    /// <summary>Public models tried when the provider's content filter refuses (JSON text column); null: none.</summary>
    public List<string>? ContentPolicyFallbacks { get; set; }

    /// <summary>True: a session stays on one deployment while it is healthy.</summary>
    public bool Sticky { get; set; }

    /// <summary>JSON text column; null: the defaults.</summary>
    public RouteRetrySettings? Retry { get; set; }

    /// <summary>JSON text column; null: the node's defaults.</summary>
    public RouteTimeouts? Timeouts { get; set; }

    /// <summary>JSON text column; null: the defaults.</summary>
    public BreakerSettings? Breaker { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public List<RouteDeployment> Deployments { get; set; } = [];

    /// <summary>Copies the fallbacks (empty lists stored as null), sticky, retry, timeouts and breaker settings of a request.</summary>
    public void ApplyResilience(RouteRequest request)
    {
        Fallbacks = RouteValidator.ToList(request.Fallbacks);
        ContextWindowFallbacks = RouteValidator.ToList(request.ContextWindowFallbacks);
        ContentPolicyFallbacks = RouteValidator.ToList(request.ContentPolicyFallbacks);
        Sticky = request.Sticky;
        Retry = request.Retry;
        Timeouts = request.Timeouts;
        Breaker = request.Breaker;
    }

    /// <summary>Every public model this route names as a fallback of any kind.</summary>
    public IEnumerable<string> AllFallbacks() =>
        (Fallbacks ?? []).Concat(ContextWindowFallbacks ?? []).Concat(ContentPolicyFallbacks ?? []);

    public RouteDto ToDto() => new(
        Id, TenantId, PublicModel, Strategy,
        Deployments.OrderBy(d => d.Position).Select(d => new DeploymentDto(
            d.Id, d.ProviderKind, d.UpstreamModel, d.BaseUrl, d.CredentialId, d.Weight,
            new SortedDictionary<string, string>(d.Settings, StringComparer.Ordinal), d.Capabilities,
            d.Priority, d.InputPricePerMTok, d.OutputPricePerMTok, d.HealthCheckIntervalSeconds, d.Region)).ToArray(),
        DropUnsupportedParams, Fallbacks, ContextWindowFallbacks, ContentPolicyFallbacks, Sticky, Retry, Timeouts, Breaker);
}

internal sealed class ModelRouteConfiguration : IEntityTypeConfiguration<ModelRoute>
{
    public void Configure(EntityTypeBuilder<ModelRoute> builder)
    {
        builder.ToTable("ModelRoutes");
        builder.Property(r => r.PublicModel).HasMaxLength(ModelRoute.PublicModelMaxLength);
        builder.Property(r => r.Strategy).HasMaxLength(64);
        builder.Property(r => r.Fallbacks).HasJsonTextListConversion();
        builder.Property(r => r.ContextWindowFallbacks).HasJsonTextListConversion();
        builder.Property(r => r.ContentPolicyFallbacks).HasJsonTextListConversion();
        builder.Property(r => r.Retry).HasJsonTextConversion();
        builder.Property(r => r.Timeouts).HasJsonTextConversion();
        builder.Property(r => r.Breaker).HasJsonTextConversion();
        builder.HasIndex(r => new { r.TenantId, r.PublicModel }).IsUnique();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Deployments).WithOne().HasForeignKey(d => d.RouteId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Deployments).AutoInclude();
    }
}
