using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Switchyard.DataPlane.Audit;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.DataPlane.Usage;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Messages;

namespace Switchyard.DataPlane.Tests.Audit;

/// <summary>Full-mode audit bodies in the node's usage spool: sealed on disk, opened when the spool is read for publishing.</summary>
public sealed class AuditSpoolCipherTests : IDisposable
{
    private const string RequestText = "{\"messages\":[{\"content\":\"Ship it to Wayne Manor\"}]}";
    private const string ResponseText = "{\"content\":\"Delivered to Wayne Manor at noon\"}";

    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(TestSnapshots.Now);
    private readonly UsageQueue _queue = new(10);
    private readonly DataPaths _paths;

    public AuditSpoolCipherTests() => _paths = new DataPaths(_dir.Path);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Spool_RecordWithAuditBodies_FileHoldsNoBodyTextAndReadsBackIntact()
    {
        var cipher = Cipher(DataPlaneTestHost.SpoolKey);
        var record = Record();
        var plain = Record(bodies: false);

        var segment = await SpoolAsync(cipher, record, plain);

        var bytes = await File.ReadAllBytesAsync(segment);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.DoesNotContain("Wayne Manor", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(RequestText)), text, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(ResponseText)), text, StringComparison.Ordinal);
        Assert.StartsWith(AuditSpoolCipher.Prefix, text, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(segment));
        }

        var read = SpoolSegment.Read(segment, out var skipped, cipher: cipher);
        Assert.Equal(0, skipped);
        Assert.Equal([record.Id, plain.Id], read.Select(r => r.Id));
        Assert.Equal(RequestText, Encoding.UTF8.GetString(read[0].Audit!.RequestBody!));
        Assert.Equal(ResponseText, Encoding.UTF8.GetString(read[0].Audit!.ResponseBody!));
        Assert.Equal(record with { Audit = null }, read[0] with { Audit = null });
        Assert.Equal(plain, read[1]);
    }

    [Fact]
    public async Task Read_SealedLineWithAnotherKey_SkippedNotMisread()
    {
        var segment = await SpoolAsync(Cipher(DataPlaneTestHost.SpoolKey), Record(), Record(bodies: false));

        var read = SpoolSegment.Read(segment, out var skipped, cipher: Cipher(Convert.ToBase64String(new byte[32])));

        Assert.Equal(1, skipped);
        Assert.Null(Assert.Single(read).Audit!.RequestBody);
    }

    [Fact]
    public async Task Read_SealedBeforeRotationWithOldKeyInPreviousKeys_ReadsBackIntact()
    {
        var oldKey = DataPlaneTestHost.SpoolKey;
        var newKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        var before = await SpoolAsync(Cipher(oldKey), Record());
        var rotated = new AuditSpoolCipher(Options.Create(new AuditCaptureOptions { SpoolKey = newKey, PreviousSpoolKeys = [oldKey] }));

        var read = SpoolSegment.Read(before, out var skipped, cipher: rotated);

        Assert.Equal(0, skipped);
        Assert.Equal(RequestText, Encoding.UTF8.GetString(Assert.Single(read).Audit!.RequestBody!));
        Assert.Equal(0, ReadBack(rotated, Cipher(newKey)));
        Assert.Equal(1, ReadBack(rotated, Cipher(oldKey)));
    }

    [Fact]
    public async Task Start_PreviousSpoolKeyNotAKey_StopsTheNodeNamingTheSetting()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var host = await DataPlaneTestHost.StartAsync(settings: new Dictionary<string, string?> { ["DataPlane:Audit:PreviousSpoolKeys:0"] = "c2hvcnQ=" });
        });

        Assert.Contains("DataPlane:Audit:PreviousSpoolKeys:0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Spool_RecordWithBodiesWithoutKey_SpooledWithoutBodies()
    {
        var segment = await SpoolAsync(Cipher(null), Record());

        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(RequestText)), await File.ReadAllTextAsync(segment), StringComparison.Ordinal);
        var audit = Assert.Single(SpoolSegment.Read(segment, out _)).Audit!;
        Assert.Equal((null, null, "abc"), (audit.RequestBody, audit.ResponseBody, audit.RequestSha256));
    }

    [Fact]
    public async Task Spool_BodiesKeptWithoutConfiguredKey_NodeKeyGeneratedOnce0600AndReadsBack()
    {
        var options = Options.Create(new AuditCaptureOptions());
        var segment = await SpoolAsync(new AuditSpoolCipher(options, _paths), Record());

        var keyFile = Path.Combine(_paths.Root, AuditSpoolCipher.KeyFileName);
        Assert.Equal(32, Convert.FromBase64String(await File.ReadAllTextAsync(keyFile)).Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }

        Assert.DoesNotContain("Wayne Manor", await File.ReadAllTextAsync(segment), StringComparison.Ordinal);
        var read = SpoolSegment.Read(segment, out var skipped, cipher: new AuditSpoolCipher(options, _paths));
        Assert.Equal(0, skipped);
        Assert.Equal(RequestText, Encoding.UTF8.GetString(Assert.Single(read).Audit!.RequestBody!));
    }

    [Fact]
    public void Create_NoBodiesKeptWithoutConfiguredKey_NoKeyFile()
    {
        var cipher = new AuditSpoolCipher(Options.Create(new AuditCaptureOptions { MaxBodyBytes = 0 }), _paths);

        Assert.False(cipher.CanSeal);
        Assert.False(File.Exists(Path.Combine(_paths.Root, AuditSpoolCipher.KeyFileName)));
    }

    [Theory]
    [InlineData("c2hvcnQ=", "exactly 32 bytes")]
    [InlineData("not base64!", "exactly 32 bytes")]
    public async Task Start_BodiesKeptWithoutUsableSpoolKey_StopsTheNodeNamingTheSetting(string key, string message)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var host = await DataPlaneTestHost.StartAsync(settings: new Dictionary<string, string?> { ["DataPlane:Audit:SpoolKey"] = key });
        });

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_NoBodiesKeptWithoutSpoolKey_Starts()
    {
        await using var host = await DataPlaneTestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["DataPlane:Audit:SpoolKey"] = "",
            ["DataPlane:Audit:MaxBodyBytes"] = "0",
        });

        Assert.NotNull(host.Client);
    }

    private async Task<string> SpoolAsync(AuditSpoolCipher cipher, params UsageRecord[] records)
    {
        var options = Options.Create(new UsageSpoolOptions());
        using (var writer = new UsageSpoolWriter(_queue, _paths, options, _time, NullLogger<UsageSpoolWriter>.Instance, cipher: cipher))
        {
            await writer.StartAsync(CancellationToken.None);
            foreach (var record in records)
            {
                Assert.True(_queue.TryEnqueue(record));
            }

            writer.Flush();
        }

        return Assert.Single(SpoolSegment.ListClosed(_paths.SpoolDirectory));
    }

    /// <summary>How many lines <paramref name="reader"/> skips of a spool that <paramref name="writer"/> sealed (new lines use the current key only).</summary>
    private int ReadBack(AuditSpoolCipher writer, AuditSpoolCipher reader)
    {
        using var dir = new TempDirectory();
        var paths = new DataPaths(dir.Path);
        var options = Options.Create(new UsageSpoolOptions());
        var queue = new UsageQueue(10);
        using (var spool = new UsageSpoolWriter(queue, paths, options, _time, NullLogger<UsageSpoolWriter>.Instance, cipher: writer))
        {
            spool.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
            Assert.True(queue.TryEnqueue(Record()));
            spool.Flush();
        }

        SpoolSegment.Read(Assert.Single(SpoolSegment.ListClosed(paths.SpoolDirectory)), out var skipped, cipher: reader);
        return skipped;
    }

    private static AuditSpoolCipher Cipher(string? key) => new(Options.Create(new AuditCaptureOptions { SpoolKey = key }));

    private UsageRecord Record(bool bodies = true) => new(
        Guid.CreateVersion7(), _time.GetUtcNow(), "node-a", TestSnapshots.TenantId, TestSnapshots.TeamId, TestSnapshots.KeyId,
        "chat.completions", "gpt-mock", Guid.NewGuid(), Guid.NewGuid(), "mock", "mock-1", false, 10, 5, 200, null, 12.5, 3.25,
        Audit: new UsageAudit(bodies ? AuditModes.Full : AuditModes.Metadata, "abc", "def", RequestText.Length, ResponseText.Length,
            bodies ? Encoding.UTF8.GetBytes(RequestText) : null, bodies ? Encoding.UTF8.GetBytes(ResponseText) : null));
}
