using Microsoft.AspNetCore.DataProtection;
using Switchyard.ServiceDefaults.Files;

namespace Switchyard.Portal;

/// <summary>The key ring that protects the portal's session cookie, in a directory readable by the portal's user only (0700).</summary>
internal static class PortalDataProtection
{
    public const string ApplicationName = "Switchyard.Portal";

    public static IDataProtectionProvider Create(PortalOptions options)
    {
        var directory = PrivateFiles.CreateDirectory(Path.GetFullPath(options.DataDirectory));
        return DataProtectionProvider.Create(directory, builder => builder.SetApplicationName(ApplicationName));
    }
}
