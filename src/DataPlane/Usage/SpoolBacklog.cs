using Switchyard.DataPlane.Configuration;

namespace Switchyard.DataPlane.Usage;

/// <summary>The undelivered part of the usage spool (closed segments), read from the spool directory when asked.</summary>
public static class SpoolBacklog
{
    /// <summary>Closed segments not yet delivered, and the age of the oldest (null when none).</summary>
    public static (int Segments, TimeSpan? OldestAge) Read(DataPaths paths, TimeProvider time)
    {
        var segments = SpoolSegment.ListClosed(paths.SpoolDirectory);
        if (segments.Length == 0)
        {
            return (0, null);
        }

        var age = time.GetUtcNow() - File.GetLastWriteTimeUtc(segments[0]);
        return (segments.Length, age < TimeSpan.Zero ? TimeSpan.Zero : age);
    }
}
