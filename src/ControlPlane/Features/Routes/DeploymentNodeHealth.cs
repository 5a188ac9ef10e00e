using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Routes;

/// <summary>
/// The latest health of one deployment on one node, as the node last reported it (<c>DeploymentHealthReported</c>); one row per
/// (node, deployment), replaced by each report, removed with the deployment (a route update replaces its deployments) or by
/// <see cref="DeploymentHealthPurgeJob"/> once the node has been silent for a day.
/// </summary>
public sealed class DeploymentNodeHealth : ITenantOwned
{
    public const int NodeIdMaxLength = 200;
    public const int BreakerStateMaxLength = 16;

    public string NodeId { get; set; } = "";
    public Guid DeploymentId { get; set; }
    public Guid RouteId { get; set; }
    public Guid TenantId { get; set; }
    public string BreakerState { get; set; } = "";
    public DateTimeOffset? CooldownUntil { get; set; }
    public double? LatencyMs { get; set; }
    public int InFlight { get; set; }
    public double? ErrorRate { get; set; }
    public int Requests { get; set; }

    /// <summary>The report's time (never later than when it was stored).</summary>
    public DateTimeOffset ReportedAt { get; set; }

    public DeploymentNodeHealthDto ToDto() =>
        new(DeploymentId, NodeId, BreakerState, CooldownUntil, LatencyMs, InFlight, ErrorRate, Requests, ReportedAt);
}

internal sealed class DeploymentNodeHealthConfiguration : IEntityTypeConfiguration<DeploymentNodeHealth>
{
    public void Configure(EntityTypeBuilder<DeploymentNodeHealth> builder)
    {
        builder.ToTable("DeploymentNodeHealth");
        builder.HasKey(h => new { h.NodeId, h.DeploymentId });
        builder.Property(h => h.NodeId).HasMaxLength(DeploymentNodeHealth.NodeIdMaxLength);
        builder.Property(h => h.BreakerState).HasMaxLength(DeploymentNodeHealth.BreakerStateMaxLength);
        builder.HasIndex(h => new { h.TenantId, h.RouteId });
        builder.HasIndex(h => h.DeploymentId);
        builder.HasIndex(h => h.ReportedAt);
        builder.HasOne<RouteDeployment>().WithMany().HasForeignKey(h => h.DeploymentId).OnDelete(DeleteBehavior.Cascade);
    }
}
