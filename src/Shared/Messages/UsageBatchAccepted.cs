namespace Switchyard.Shared.Messages;

/// <summary>
/// The control plane's answer to a <see cref="UsageBatchReported"/> sent as a request: the batch is stored (inserted or
/// found already stored). Nodes on the in-memory bus wait for it before deleting the spool segment, since that bus
/// holds messages only in memory.
/// </summary>
public sealed record UsageBatchAccepted(Guid BatchId, int Records);
