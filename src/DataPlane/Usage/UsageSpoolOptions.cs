using System.ComponentModel.DataAnnotations;

namespace Switchyard.DataPlane.Usage;

/// <summary>Usage spool and publisher settings (section "DataPlane:Usage").</summary>
public sealed class UsageSpoolOptions : IValidatableObject
{
    public const string Section = "DataPlane:Usage";

    /// <summary>How often the open spool segment is closed and handed to the publisher.</summary>
    public int FlushIntervalMs { get; set; } = 500;

    /// <summary>Records per published <c>UsageBatchReported</c>.</summary>
    public int MaxBatchSize { get; set; } = 500;

    /// <summary>A segment is closed once it reaches this size.</summary>
    public long MaxSegmentBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Records buffered in memory between requests and the spool writer.</summary>
    public int ChannelCapacity { get; set; } = 100_000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (FlushIntervalMs is < 10 or > 600_000)
        {
            yield return new ValidationResult("DataPlane:Usage:FlushIntervalMs must be between 10 and 600000.");
        }

        if (MaxBatchSize is < 1 or > 10_000)
        {
            yield return new ValidationResult("DataPlane:Usage:MaxBatchSize must be between 1 and 10000.");
        }

        if (MaxSegmentBytes < 4096)
        {
            yield return new ValidationResult("DataPlane:Usage:MaxSegmentBytes must be at least 4096.");
        }

        if (ChannelCapacity < 16)
        {
            yield return new ValidationResult("DataPlane:Usage:ChannelCapacity must be at least 16.");
        }
    }
}
