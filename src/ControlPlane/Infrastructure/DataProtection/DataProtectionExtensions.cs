using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Startup;

namespace Switchyard.ControlPlane.Infrastructure.DataProtection;

public static class DataProtectionExtensions
{
    /// <summary>
    /// Data Protection with the key ring in the control plane's database (shared by every control plane), encrypted at
    /// rest with the key-encryption key of <see cref="KeyRingProtectionOptions"/> when one is configured; at start (before any
    /// other start-up step uses a key) keys in plain XML or under a rotated-out key-encryption key are re-encrypted.
    /// </summary>
    public static WebApplicationBuilder AddControlPlaneDataProtection(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<KeyRingProtectionOptions>().BindConfiguration(KeyRingProtectionOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KeyRingProtectionOptions>, KeyRingProtectionOptionsValidator>();
        services.AddSingleton<KeyEncryptionKeys>();
        services.AddSingleton<KeyRingRewrapper>();
        services.AddStartupStep<KeyRingRewrapStep>();

        services.AddDataProtection().SetApplicationName("Switchyard").PersistKeysToDbContext<ControlPlaneDbContext>();
        services.AddOptions<KeyManagementOptions>().Configure<KeyEncryptionKeys>((options, keys) =>
        {
            if (keys.Current is { } current)
            {
                options.XmlEncryptor = new KeyRingXmlEncryptor(current);
            }
        });
        return builder;
    }
}
