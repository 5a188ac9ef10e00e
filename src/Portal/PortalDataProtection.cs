using Microsoft.AspNetCore.DataProtection;

namespace Switchyard.Portal;

/// <summary>The key ring that protects the portal's session cookie.</summary>
internal static class PortalDataProtection
{
    public const string ApplicationName = "Switchyard.Portal";

    public static IDataProtectionProvider Create(PortalOptions options)
    {
        var directory = new DirectoryInfo(Path.GetFullPath(options.DataDirectory));
        directory.Create();
        return DataProtectionProvider.Create(directory, builder => builder.SetApplicationName(ApplicationName));
    }
}
