using Switchyard.Shared.Messages;

namespace Switchyard.Shared.Admin;

/// <summary>A usage batch whose ingestion failed as a whole and waits for a replay (GET /api/usage/dead-letters).</summary>
public sealed record UsageDeadLetterDto(
    Guid BatchId, string NodeId, int Records, string Reason, DateTimeOffset FailedAt, int Failures, DateTimeOffset? ReplayedAt);

/// <summary>A dead-lettered batch with its records (GET /api/usage/dead-letters/{batchId}).</summary>
public sealed record UsageDeadLetterDetailDto(UsageDeadLetterDto DeadLetter, IReadOnlyList<UsageRecord> Records);

/// <summary>A usage record that could not be stored (GET /api/usage/quarantine).</summary>
public sealed record QuarantinedUsageDto(
    Guid RecordId, Guid BatchId, string NodeId, Guid TenantId, string Reason, DateTimeOffset QuarantinedAt, DateTimeOffset? ResolvedAt, UsageRecord Record);

/// <summary>What a replay did: records stored now, records found stored already (never counted twice), records quarantined.</summary>
public sealed record UsageReplayResultDto(int Stored, int AlreadyStored, int Quarantined);
