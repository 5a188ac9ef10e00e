using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Tests.Infrastructure;

namespace Switchyard.DataPlane.Tests.Configuration;

public sealed class LastKnownGoodStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task SaveAsync_NewDataDirectory_SnapshotAndDirectoryAreOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var paths = new DataPaths(Path.Combine(_dir.Path, "node-1"));

        await new LastKnownGoodStore(paths).SaveAsync("{\"revision\":1}"u8.ToArray(), CancellationToken.None);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(paths.Root));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(paths.SnapshotFile));
    }
}
