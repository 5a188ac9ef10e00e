using System.ComponentModel.DataAnnotations;

namespace Switchyard.DataPlane.Configuration;

/// <summary>Who the node is and where it keeps its files (section "DataPlane").</summary>
public sealed class NodeOptions
{
    public const string Section = "DataPlane";

    /// <summary>Unique id of this node; defaults to the machine name plus a random suffix.</summary>
    [Required(ErrorMessage = "DataPlane:NodeId must not be empty.")]
    public string NodeId { get; set; } = $"{Environment.MachineName.ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Holds the last-known-good snapshot and the usage spool. Default: ".switchyard/node-{NodeId}" under the content root.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>The effective data directory (absolute).</summary>
    public string ResolveDataDirectory(string contentRoot) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(DataDirectory) ? Path.Combine(".switchyard", "node-" + NodeId) : DataDirectory, contentRoot);
}
