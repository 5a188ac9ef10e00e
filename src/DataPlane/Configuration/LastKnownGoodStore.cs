using System.Text.Json;
using Switchyard.ServiceDefaults.Files;
using Switchyard.Shared;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Configuration;

/// <summary>
/// The last applied snapshot on local disk, exactly as fetched (credentials stay sealed), readable by the node's user
/// only (file 0600, data directory 0700): it holds key hashes and sealed provider secrets.
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
}
