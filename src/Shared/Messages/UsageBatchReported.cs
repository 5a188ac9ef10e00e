namespace Switchyard.Shared.Messages;

/// <summary>A batch of usage records from one node's spool. Consumers insert records idempotently by record id.</summary>
public sealed record UsageBatchReported(Guid BatchId, string NodeId, IReadOnlyList<UsageRecord> Records);
