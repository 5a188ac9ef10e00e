namespace Switchyard.ControlPlane.Features.Rollups;

/// <summary>Which histogram a <see cref="UsageRollupBucket"/> belongs to.</summary>
public enum RollupMetric : byte
{
    /// <summary>The record's whole latency.</summary>
    Latency = 0,

    /// <summary>Time to first token (streams that reported one).</summary>
    TimeToFirstToken = 1,
}
