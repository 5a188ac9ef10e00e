using Microsoft.AspNetCore.DataProtection;

namespace Switchyard.Portal.Tests.Security;

public sealed class PortalDataProtectionTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "switchyard-portal-keys-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Create_FirstProtect_KeyRingIsReadableByTheOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var directory = Path.Combine(_root, "portal-keys");
        var provider = PortalDataProtection.Create(new PortalOptions { DataDirectory = directory });

        var cookie = provider.CreateProtector("test").Protect("session");

        Assert.Equal("session", provider.CreateProtector("test").Unprotect(cookie));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
        var keys = Directory.GetFiles(directory);
        Assert.NotEmpty(keys);
        foreach (var key in keys)
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
