using System.Text.Json;
using Switchyard.ServiceDefaults.Files;
using Switchyard.Shared;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Configuration;

/// <summary>
/// The last applied snapshot on local disk, exactly as fetched (credentials stay sealed), readable by the node's user
/// only (file 0600, data directory 0700): it holds key hashes and sealed provider secrets. The file's modification time
/// is when the control plane last confirmed it current, so a node restarting without the control plane knows its age.
/// </summary>
public sealed class LastKnownGoodStore(DataPaths paths)
{
    public async Task SaveAsync(byte[] json, CancellationToken cancellationToken)
    {
        PrivateFiles.CreateDirectory(paths.Root);
        var temp = paths.SnapshotFile + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            await using (var file = PrivateFiles.OpenWrite(temp, FileMode.CreateNew, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await file.WriteAsync(json, cancellationToken);
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, paths.SnapshotFile, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>Loads the stored snapshot, or null when there is none.</summary>
    public async Task<ConfigSnapshot?> LoadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(paths.SnapshotFile))
        {
            return null;
        }

        await using var file = File.OpenRead(paths.SnapshotFile);
        return await JsonSerializer.DeserializeAsync<ConfigSnapshot>(file, SwitchyardJson.Options, cancellationToken);
    }

    /// <summary>When the stored snapshot was last confirmed current (the file's modification time), or null without one.</summary>
    public DateTimeOffset? LastConfirmed() =>
        File.Exists(paths.SnapshotFile) ? new DateTimeOffset(File.GetLastWriteTimeUtc(paths.SnapshotFile), TimeSpan.Zero) : null;

    /// <summary>Records that the stored snapshot was confirmed current at <paramref name="at"/>.</summary>
    public void MarkConfirmed(DateTimeOffset at) => File.SetLastWriteTimeUtc(paths.SnapshotFile, at.UtcDateTime);
}
