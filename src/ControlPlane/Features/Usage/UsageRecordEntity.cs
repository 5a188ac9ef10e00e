using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Messages;

namespace Switchyard.ControlPlane.Features.Usage;

/// <summary>A stored <see cref="UsageRecord"/>; its id (from the node) is the primary key, which makes ingestion idempotent.</summary>
public sealed class UsageRecordEntity : ITenantOwned, ITokenKindCosts, IKeyAttributed
{
    public Guid Id { get; set; }
    public DateTimeOffset Timestamp { get; set; }
    public string NodeId { get; set; } = "";
    public Guid TenantId { get; set; }
    public Guid TeamId { get; set; }
    public Guid KeyId { get; set; }
    public string Endpoint { get; set; } = "";
    public string Model { get; set; } = "";
    public Guid? RouteId { get; set; }
    public Guid? DeploymentId { get; set; }
    public string? ProviderKind { get; set; }
    public string? UpstreamModel { get; set; }
    public bool Stream { get; set; }
    public int PromptTokens { get; set; }
    public int CompletionTokens { get; set; }
    public int StatusCode { get; set; }
    public string? ErrorCode { get; set; }
    public double LatencyMs { get; set; }
    public double? TimeToFirstTokenMs { get; set; }

    /// <summary>Every upstream attempt when there was more than one (JSON text column); null for a single attempt.</summary>
    public List<UsageAttempt>? Attempts { get; set; }

    public int CachedInputTokens { get; set; }
    public int CacheWriteTokens { get; set; }
    public int ReasoningTokens { get; set; }

    /// <summary>Micro-dollars (USD × 10⁶), computed by the node at <see cref="PriceVersion"/>.</summary>
    public long CostMicros { get; set; }

    /// <summary>The cost per token kind (<see cref="ITokenKindCosts"/>); what they leave of <see cref="CostMicros"/> is unattributed.</summary>
    public long InputCostMicros { get; set; }
    public long CachedInputCostMicros { get; set; }
    public long CacheWriteCostMicros { get; set; }
    public long OutputCostMicros { get; set; }
    public long ReasoningCostMicros { get; set; }
    public string? PriceVersion { get; set; }
    public bool Estimated { get; set; }

    /// <summary>Attribution tags (JSON text column); null: none.</summary>
    public List<string>? Tags { get; set; }

    /// <summary>What the tenant's policies found (rule, count, action; never the values) as a JSON text column; null: nothing.</summary>
    public List<UsageFinding>? Findings { get; set; }

    /// <summary>
    /// When the control plane stored the record (its own clock; null for records stored before this was kept). A chargeback
    /// adjustment line lists exactly the records that arrived after the earlier statement of their month closed.
    /// </summary>
    public DateTimeOffset? IngestedAt { get; set; }

    /// <summary>The record's audit data as the node sent it (not a column: the audit step stores it); null: not audited.</summary>
    public UsageAudit? Audit { get; set; }

    public static UsageRecordEntity From(UsageRecord r) => new()
    {
        Id = r.Id,
        Timestamp = r.Timestamp.ToUniversalTime(),
        NodeId = r.NodeId,
        TenantId = r.TenantId,
        TeamId = r.TeamId,
        KeyId = r.KeyId,
        Endpoint = r.Endpoint,
        Model = r.Model,
        RouteId = r.RouteId,
        DeploymentId = r.DeploymentId,
        ProviderKind = r.ProviderKind,
        UpstreamModel = r.UpstreamModel,
        Stream = r.Stream,
        PromptTokens = r.PromptTokens,
        CompletionTokens = r.CompletionTokens,
        StatusCode = r.StatusCode,
        ErrorCode = r.ErrorCode,
        LatencyMs = r.LatencyMs,
        TimeToFirstTokenMs = r.TimeToFirstTokenMs,
        Attempts = r.Attempts is { Count: > 0 } attempts ? [.. attempts] : null,
        CachedInputTokens = r.CachedInputTokens,
        CacheWriteTokens = r.CacheWriteTokens,
        ReasoningTokens = r.ReasoningTokens,
        CostMicros = r.CostMicros,
        InputCostMicros = r.CostParts?.InputMicros ?? 0,
        CachedInputCostMicros = r.CostParts?.CachedInputMicros ?? 0,
        CacheWriteCostMicros = r.CostParts?.CacheWriteMicros ?? 0,
        OutputCostMicros = r.CostParts?.OutputMicros ?? 0,
        ReasoningCostMicros = r.CostParts?.ReasoningMicros ?? 0,
        PriceVersion = r.PriceVersion,
        Estimated = r.Estimated,
        Tags = r.Tags is { Count: > 0 } tags ? [.. tags] : null,
        Findings = r.Findings is { Count: > 0 } findings ? [.. findings] : null,
        Audit = r.Audit,
    };
}

internal sealed class UsageRecordEntityConfiguration : IEntityTypeConfiguration<UsageRecordEntity>
{
    public void Configure(EntityTypeBuilder<UsageRecordEntity> builder)
    {
        builder.ToTable("UsageRecords");
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.Property(u => u.NodeId).HasMaxLength(UsageRecordLimits.NodeId);
        builder.Property(u => u.Endpoint).HasMaxLength(UsageRecordLimits.Endpoint);
        builder.Property(u => u.Model).HasMaxLength(UsageRecordLimits.Model);
        builder.Property(u => u.ProviderKind).HasMaxLength(UsageRecordLimits.ProviderKind);
        builder.Property(u => u.UpstreamModel).HasMaxLength(UsageRecordLimits.UpstreamModel);
        builder.Property(u => u.ErrorCode).HasMaxLength(UsageRecordLimits.ErrorCode);
        builder.Property(u => u.Attempts).HasJsonTextListConversion();
        builder.Property(u => u.PriceVersion).HasMaxLength(UsageRecordLimits.PriceVersion);
        builder.Property(u => u.Tags).HasJsonTextListConversion();
        builder.Property(u => u.Findings).HasJsonTextListConversion();
        builder.Ignore(u => u.Audit);
        builder.HasIndex(u => new { u.TenantId, u.Timestamp });
        builder.HasIndex(u => u.KeyId);
    }
}
