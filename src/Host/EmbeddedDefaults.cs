using Switchyard.ServiceDefaults.Files;

namespace Switchyard.Host;

/// <summary>
/// Fills in the settings the all-in-one host derives from <c>Switchyard:*</c>: where the parts listen, where they keep
/// their files (a data directory created 0700), the node secret shared in-process by control plane and data plane, the
/// key that encrypts full-mode audit bodies in the node's spool, and the key-encryption key of the Data Protection key
/// ring (each generated once, kept 0600 in the data directory).
/// Anything set explicitly (appsettings, environment, command line) wins.
/// </summary>
internal static class EmbeddedDefaults
{
    public static (Uri PortalUrl, Uri GatewayUrl) Apply(WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var portalUrl = new Uri(config["Switchyard:PortalUrl"] ?? "http://localhost:5000");
        var gatewayUrl = new Uri(config["Switchyard:GatewayUrl"] ?? "http://localhost:8080");
        if (portalUrl.Port == gatewayUrl.Port)
        {
            throw new InvalidOperationException("Switchyard:PortalUrl and Switchyard:GatewayUrl must use different ports.");
        }

        var dataDirectory = Path.GetFullPath(config["Switchyard:DataDirectory"] ?? ".switchyard");
        PrivateFiles.CreateDirectory(dataDirectory);
        var nodeSecret = config["ControlPlane:NodeSecret"] ?? config["DataPlane:NodeSecret"] ?? LoadOrCreateSecret(Path.Combine(dataDirectory, "node-secret"));
        var spoolKey = config["DataPlane:Audit:SpoolKey"] ?? LoadOrCreateSecret(Path.Combine(dataDirectory, "audit-spool.key"));
        var keyRingKeyFile = string.IsNullOrEmpty(config["DataProtection:KeyEncryptionKey"]) && string.IsNullOrEmpty(config["DataProtection:KeyEncryptionKeyFile"])
            ? PrivateFiles.LoadOrCreateSecretFile(Path.Combine(dataDirectory, "keyring.key"))
            : null;
        var internalUrl = $"http://127.0.0.1:{portalUrl.Port}";

        var defaults = new Dictionary<string, string?>
        {
            ["ConnectionStrings:ControlPlane"] = $"Data Source={Path.Combine(dataDirectory, "switchyard.db")}",
            ["ControlPlane:NodeSecret"] = nodeSecret,
            ["DataProtection:KeyEncryptionKeyFile"] = keyRingKeyFile,
            ["DataPlane:NodeSecret"] = nodeSecret,
            ["DataPlane:Audit:SpoolKey"] = spoolKey,
            ["DataPlane:NodeId"] = "embedded",
            ["DataPlane:ControlPlaneUrl"] = internalUrl,
            ["DataPlane:DataDirectory"] = Path.Combine(dataDirectory, "node"),
            ["Portal:ControlPlaneUrl"] = internalUrl,
            ["Portal:GatewayUrl"] = gatewayUrl.ToString().TrimEnd('/') + "/v1",
            ["Portal:DataDirectory"] = Path.Combine(dataDirectory, "portal-keys"),
            ["Demo:PortalUrl"] = portalUrl.ToString().TrimEnd('/'),
            ["Demo:GatewayUrl"] = gatewayUrl.ToString().TrimEnd('/'),
        };

        var missing = defaults.Where(d => string.IsNullOrEmpty(config[d.Key])).ToDictionary(d => d.Key, d => d.Value);
        config.AddInMemoryCollection(missing);
        builder.WebHost.UseUrls(portalUrl.ToString(), gatewayUrl.ToString());
        return (portalUrl, gatewayUrl);
    }

    private static string LoadOrCreateSecret(string path) => File.ReadAllText(PrivateFiles.LoadOrCreateSecretFile(path)).Trim();
}
