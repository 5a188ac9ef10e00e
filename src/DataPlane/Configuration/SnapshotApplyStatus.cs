namespace Switchyard.DataPlane.Configuration;

public enum SnapshotApplyStatus
{
    /// <summary>Validated and swapped in.</summary>
    Applied,

    /// <summary>Revision at or below the current one: ignored.</summary>
    Stale,

    /// <summary>Failed validation: the previous snapshot stays live.</summary>
    Invalid,
}
