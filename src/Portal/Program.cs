using Microsoft.AspNetCore.DataProtection;
using Switchyard.Portal;
using Switchyard.ServiceDefaults.Files;
using Switchyard.ServiceDefaults;
using Switchyard.ServiceDefaults.Hosting;

var builder = SwitchyardHost.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPortal();

// The dedicated portal process owns the host's key ring too (antiforgery, circuits): share it across portal instances.
builder.Services.AddDataProtection()
    .PersistKeysToFileSystem(PrivateFiles.CreateDirectory(Path.GetFullPath(
        builder.Configuration[$"{PortalOptions.Section}:{nameof(PortalOptions.DataDirectory)}"] ?? new PortalOptions().DataDirectory)))
    .SetApplicationName(PortalDataProtection.ApplicationName);

var app = builder.Build();
app.MapPortal();
app.Run();
