using Microsoft.Extensions.Options;

namespace Switchyard.DataPlane.Configuration;

/// <summary>Resolved locations of the node's files.</summary>
public sealed class DataPaths
{
    public DataPaths(IOptions<NodeOptions> options, IHostEnvironment environment)
        : this(options.Value.ResolveDataDirectory(environment.ContentRootPath))
    {
    }

    public DataPaths(string root)
    {
        Root = root;
        SnapshotFile = Path.Combine(root, "snapshot.json");
        SpoolDirectory = Path.Combine(root, "spool");
    }

    public string Root { get; }

    public string SnapshotFile { get; }

    public string SpoolDirectory { get; }
}
