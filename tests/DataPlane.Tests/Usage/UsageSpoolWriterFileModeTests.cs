using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.DataPlane.Usage;
using Switchyard.Shared.Messages;

namespace Switchyard.DataPlane.Tests.Usage;

/// <summary>Spooled usage records (tenants' traffic) are readable by the node's user only.</summary>
public sealed class UsageSpoolWriterFileModeTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task WriteAvailable_NewSpool_SegmentsAndDirectoriesAreOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var time = new FakeTimeProvider(TestSnapshots.Now);
        var queue = new UsageQueue(10);
        var paths = new DataPaths(Path.Combine(_dir.Path, "node-1"));
        var options = Options.Create(new UsageSpoolOptions());
        using var writer = new UsageSpoolWriter(queue, paths, options, time, NullLogger<UsageSpoolWriter>.Instance);
        await writer.StartAsync(CancellationToken.None);
        Assert.True(queue.TryEnqueue(new UsageRecord(
            Guid.CreateVersion7(), time.GetUtcNow(), "node-a", TestSnapshots.TenantId, TestSnapshots.TeamId, TestSnapshots.KeyId,
            "chat.completions", "gpt-mock", null, null, "mock", "mock-1", false, 10, 5, 200, null, 12.5, null)));

        writer.WriteAvailable();
        writer.CloseSegment();

        const UnixFileMode directoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Assert.Equal(directoryMode, File.GetUnixFileMode(paths.Root));
        Assert.Equal(directoryMode, File.GetUnixFileMode(paths.SpoolDirectory));
        var segment = Assert.Single(Directory.GetFiles(paths.SpoolDirectory));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(segment));
        await writer.StopAsync(CancellationToken.None);
    }
}
