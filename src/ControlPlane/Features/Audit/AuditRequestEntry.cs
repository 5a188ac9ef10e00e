using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Messages;

namespace Switchyard.ControlPlane.Features.Audit;

/// <summary>
/// One gateway request in the audit log, stored with its usage record (same id, same transaction: exactly once). Its
/// place in the chain of its tenant and node is <see cref="Sequence"/>; <see cref="Hash"/> covers every column
/// (<see cref="AuditHashing"/>) and <see cref="PreviousHash"/>. Bodies are AES-GCM ciphertexts under the tenant's data key
/// <see cref="BodyKeyId"/> (<see cref="AuditBodyCipher"/>).
/// </summary>
public sealed class AuditRequestEntry : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public string NodeId { get; set; } = "";
    public long Sequence { get; set; }
    public DateTimeOffset Timestamp { get; set; }
    public Guid TeamId { get; set; }
    public Guid KeyId { get; set; }
    public string Endpoint { get; set; } = "";
    public string Model { get; set; } = "";
    public Guid? DeploymentId { get; set; }
    public string? ProviderKind { get; set; }
    public string? UpstreamModel { get; set; }
    public bool Stream { get; set; }
    public int StatusCode { get; set; }
    public string? ErrorCode { get; set; }
    public int PromptTokens { get; set; }
    public int CompletionTokens { get; set; }
    public long CostMicros { get; set; }

    /// <summary>The policies' findings as JSON (rule, count, action; never the values); null: none.</summary>
    public string? Findings { get; set; }

    /// <summary><c>full</c> or <c>metadata</c>.</summary>
    public string Mode { get; set; } = "";
    public string RequestSha256 { get; set; } = "";
    public string ResponseSha256 { get; set; } = "";
    public long RequestBytes { get; set; }
    public long ResponseBytes { get; set; }
    public Guid? BodyKeyId { get; set; }
    public byte[]? RequestBody { get; set; }
    public byte[]? ResponseBody { get; set; }
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
}

internal sealed class AuditRequestEntryConfiguration : IEntityTypeConfiguration<AuditRequestEntry>
{
    public void Configure(EntityTypeBuilder<AuditRequestEntry> builder)
    {
        builder.ToTable("AuditRequestEntries");
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.NodeId).HasMaxLength(UsageRecordLimits.NodeId);
        builder.Property(e => e.Endpoint).HasMaxLength(UsageRecordLimits.Endpoint);
        builder.Property(e => e.Model).HasMaxLength(UsageRecordLimits.Model);
        builder.Property(e => e.ProviderKind).HasMaxLength(UsageRecordLimits.ProviderKind);
        builder.Property(e => e.UpstreamModel).HasMaxLength(UsageRecordLimits.UpstreamModel);
        builder.Property(e => e.ErrorCode).HasMaxLength(UsageRecordLimits.ErrorCode);
        builder.Property(e => e.Findings).HasColumnType("text");
        builder.Property(e => e.Mode).HasMaxLength(16);
        builder.Property(e => e.RequestSha256).HasMaxLength(64);
        builder.Property(e => e.ResponseSha256).HasMaxLength(64);
        builder.Property(e => e.PreviousHash).HasMaxLength(64);
        builder.Property(e => e.Hash).HasMaxLength(64);
        builder.HasIndex(e => new { e.TenantId, e.NodeId, e.Sequence }).IsUnique();
        builder.HasIndex(e => new { e.TenantId, e.Timestamp });
    }
}
