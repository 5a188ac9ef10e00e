namespace Switchyard.ControlPlane.Tests.Infrastructure.DataProtection;

public sealed class KeyRingProtectionOptionsValidatorTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "switchyard-kek-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Start_PostgresWithoutKeyEncryptionKey_FailsNamingTheSetting()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => ControlPlaneTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:ControlPlane"] = "Host=127.0.0.1;Port=1;Username=nobody;Database=none",
        }));

        Assert.Contains("DataProtection:KeyEncryptionKeyFile", error.Message, StringComparison.Ordinal);
        Assert.Contains("Database:Provider=Postgres", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_KeyFileReadableByOthers_FailsNamingTheSetting()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Directory.CreateDirectory(_directory);
        var file = Path.Combine(_directory, "keyring.key");
        await File.WriteAllTextAsync(file, "0123456789abcdef0123456789abcdef0123456789");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => ControlPlaneTestHost.StartAsync(
            new Dictionary<string, string?> { ["DataProtection:KeyEncryptionKeyFile"] = file }));

        Assert.Contains("DataProtection:KeyEncryptionKeyFile", error.Message, StringComparison.Ordinal);
        Assert.Contains("chmod 600", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ShortKeyEncryptionKey_FailsNamingTheSetting()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => ControlPlaneTestHost.StartAsync(
            new Dictionary<string, string?> { ["DataProtection:KeyEncryptionKey"] = "too-short" }));

        Assert.Contains("DataProtection:KeyEncryptionKey", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
