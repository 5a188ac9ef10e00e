using System.Net.Http.Json;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.ControlPlane.Features.Providers;
using Switchyard.ControlPlane.Infrastructure.DataProtection;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Tests.Infrastructure.DataProtection;

/// <summary>The Data Protection key ring at rest: encrypted with the key-encryption key, across restarts and rotations.</summary>
public sealed class KeyRingRewrapperTests : IDisposable
{
    private const string KeyA = "kek-a-0123456789abcdef0123456789abcdef-aaaa";
    private const string KeyB = "kek-b-0123456789abcdef0123456789abcdef-bbbb";
    private const string ProviderSecret = "sk-provider-secret-value-1234";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "switchyard-keyring-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Start_WithKeyEncryptionKey_KeyRingRowsHoldNoPlaintextKeys()
    {
        await using var host = await StartAsync(current: KeyA);
        await CreateCredentialAsync(host);

        var rows = await KeyRingAsync(host);

        Assert.NotEmpty(rows);
        Assert.All(rows, row =>
        {
            Assert.DoesNotContain("requiresEncryption", row, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", row, StringComparison.Ordinal);
            Assert.Contains(KeyRingXmlEncryptor.ElementName, row, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Restart_SameKeyEncryptionKey_CredentialsStillDecrypt()
    {
        await using (var first = await StartAsync(current: KeyA))
        {
            await CreateCredentialAsync(first);
        }

        await using var second = await StartAsync(current: KeyA);

        Assert.Equal(ProviderSecret, await DecryptCredentialAsync(second));
    }

    [Fact]
    public async Task Restart_RotatedKeyEncryptionKey_RewrapsEveryKeyAndCredentialsDecrypt()
    {
        await using (var first = await StartAsync(current: KeyA))
        {
            await CreateCredentialAsync(first);
        }

        await using (var rotating = await StartAsync(current: KeyB, previous: KeyA))
        {
            var kids = (await KeyRingAsync(rotating)).SelectMany(WrappedKeyIds).Distinct().ToList();
            Assert.Equal([KeyEncryptionKey.FromSecret(KeyB).Id], kids);
        }

        await using var rotated = await StartAsync(current: KeyB);

        Assert.Equal(ProviderSecret, await DecryptCredentialAsync(rotated));
    }

    [Fact]
    public async Task Restart_KeyEncryptionKeyConfiguredLater_EncryptsTheExistingPlaintextKeys()
    {
        await using (var unprotected = await StartAsync(current: null))
        {
            await CreateCredentialAsync(unprotected);
            Assert.Contains(await KeyRingAsync(unprotected), row => row.Contains("requiresEncryption", StringComparison.Ordinal));
        }

        await using var protectedHost = await StartAsync(current: KeyA);

        Assert.All(await KeyRingAsync(protectedHost), row => Assert.DoesNotContain("requiresEncryption", row, StringComparison.Ordinal));
        Assert.Equal(ProviderSecret, await DecryptCredentialAsync(protectedHost));
    }

    [Fact]
    public async Task Restart_KeyEncryptionKeyReplacedWithoutThePreviousOne_FailsNamingTheSetting()
    {
        await using (var first = await StartAsync(current: KeyA))
        {
            await CreateCredentialAsync(first);
        }

        var error = await Assert.ThrowsAnyAsync<Exception>(() => StartAsync(current: KeyB));

        Assert.Contains("DataProtection:PreviousKeyEncryptionKeyFile", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => ControlPlaneTestHost.Cleanup(_directory);

    private Task<ControlPlaneTestHost> StartAsync(string? current, string? previous = null) =>
        ControlPlaneTestHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["DataProtection:KeyEncryptionKey"] = current,
                ["DataProtection:PreviousKeyEncryptionKey"] = previous,
            },
            _directory);

    private static async Task CreateCredentialAsync(ControlPlaneTestHost host)
    {
        var tenant = await host.CreateTenantAsync("Acme");
        var response = await host.Admin.PostAsJsonAsync(
            $"/api/tenants/{tenant.Id}/credentials", new CreateCredentialRequest("openai", "openai", ProviderSecret), SwitchyardJson.Options);
        response.EnsureSuccessStatusCode();
    }

    private static async Task<string> DecryptCredentialAsync(ControlPlaneTestHost host)
    {
        var stored = await host.WithDbAsync(db => db.ProviderCredentials.IgnoreQueryFilters().SingleAsync());
        return host.Services.GetRequiredService<CredentialProtector>().Unprotect(stored.ProtectedSecret);
    }

    private static Task<List<string>> KeyRingAsync(ControlPlaneTestHost host) =>
        host.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());

    private static IEnumerable<string> WrappedKeyIds(string row) =>
        XElement.Parse(row).Descendants(KeyRingXmlEncryptor.ElementName).Select(e => (string)e.Attribute("kid")!);
}
