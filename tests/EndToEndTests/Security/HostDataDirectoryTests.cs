using System.Net;
using Switchyard.EndToEndTests.Infrastructure;

namespace Switchyard.EndToEndTests.Security;

/// <summary>
/// Everything the all-in-one host writes (SQLite database and its WAL, node secret, key-ring key, last-known-good
/// snapshot, usage spool, portal key ring) holds secrets or tenants' data: no file in its data directory may be
/// readable by other users, and it needs no configuration for that.
/// </summary>
public class HostDataDirectoryTests(EmbeddedPlatformFixture platform) : IClassFixture<EmbeddedPlatformFixture>
{
    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    [Fact]
    public async Task DataDirectory_AfterTraffic_EveryFileAndDirectoryIsOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var scenario = await TenantScenario.CreateAsync(platform.Admin);
        await platform.Admin.CreateCredentialAsync(scenario.Tenant.Id, "openai", "openai", "sk-test-provider-secret-0001");
        var key = await scenario.CreateKeyAsync(platform.Admin);
        await Eventually.HoldsAsync(async () => await GatewayCalls.ChatAsync(platform.GatewayUrl, key) == HttpStatusCode.OK,
            TimeSpan.FromSeconds(10), "key usable");

        var root = platform.DataDirectory;
        var files = Directory.GetFiles(root, "*", SearchOption.AllDirectories);
        Assert.Contains(files, f => Path.GetFileName(f) == "switchyard.db");
        Assert.Contains(files, f => Path.GetFileName(f) == "keyring.key");
        Assert.Contains(files, f => Path.GetFileName(f) == "node-secret");
        Assert.Contains(files, f => Path.GetFileName(f) == "snapshot.json");
        var exposed = files.Concat(Directory.GetDirectories(root, "*", SearchOption.AllDirectories)).Append(root)
            .Select(path => (Path: Path.GetRelativePath(root, path), Mode: ModeOf(path)))
            .Where(entry => (entry.Mode & GroupOrOther) != 0)
            .ToList();
        Assert.Empty(exposed);
    }

    private static UnixFileMode ModeOf(string path) => OperatingSystem.IsWindows() ? UnixFileMode.None : File.GetUnixFileMode(path);
}
