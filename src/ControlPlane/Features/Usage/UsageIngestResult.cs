namespace Switchyard.ControlPlane.Features.Usage;

/// <summary>What ingesting a batch did with its (distinct) records.</summary>
public sealed record UsageIngestResult(int Stored, int AlreadyStored, int Quarantined);
