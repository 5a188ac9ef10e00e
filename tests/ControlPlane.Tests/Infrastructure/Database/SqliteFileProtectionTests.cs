namespace Switchyard.ControlPlane.Tests.Infrastructure.Database;

public sealed class SqliteFileProtectionTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "switchyard-sqlite-mode-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Start_NewSqliteDatabase_DatabaseAndItsWalFilesAreOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        await using var host = await ControlPlaneTestHost.StartAsync(directory: _directory);
        await host.CreateTenantAsync("Acme");

        var files = Directory.GetFiles(_directory, "controlplane.db*");
        Assert.Contains(files, f => f.EndsWith("-wal", StringComparison.Ordinal));
        foreach (var file in files)
        {
            Assert.Equal(OwnerOnly, File.GetUnixFileMode(file));
        }
    }

    [Fact]
    public async Task Start_WorldReadableDatabaseFromAnOlderVersion_IsTightened()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        await using (await ControlPlaneTestHost.StartAsync(directory: _directory))
        {
        }

        var database = Path.Combine(_directory, "controlplane.db");
        File.SetUnixFileMode(database, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await using var restarted = await ControlPlaneTestHost.StartAsync(directory: _directory);

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(database));
    }

    public void Dispose() => ControlPlaneTestHost.Cleanup(_directory);
}
