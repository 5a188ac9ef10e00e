namespace Switchyard.ControlPlane.Features.Rollups;

/// <summary>The period a rollup row covers: an hour (kept as usage is ingested) or a UTC day (summed from the hours by <see cref="DailyRollupJob"/>).</summary>
public enum RollupGranularity : byte
{
    Hour = 0,
    Day = 1,
}
