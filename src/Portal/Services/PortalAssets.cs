using System.Collections.Frozen;
using System.Security.Cryptography;

namespace Switchyard.Portal.Services;

/// <summary>
/// The portal's own CSS and JS, embedded in the assembly and served at <c>/_content/Switchyard.Portal/{name}</c> by
/// <see cref="PortalAssetEndpoints"/>: a host that merely references the portal (the all-in-one host) does not get the
/// portal's wwwroot, but it does get these. URLs carry a content hash so browsers may cache them for good.
/// </summary>
public sealed class PortalAssets
{
    public const string BasePath = "_content/Switchyard.Portal/";

    private readonly FrozenDictionary<string, Asset> _assets;

    public PortalAssets()
    {
        var assembly = typeof(PortalAssets).Assembly;
        const string prefix = "Switchyard.Portal.Assets.";
        _assets = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                var content = copy.ToArray();
                var name = n[prefix.Length..];
                var version = Convert.ToHexStringLower(SHA256.HashData(content))[..12];
                return new Asset(name, content, ContentType(name), version);
            })
            .ToFrozenDictionary(a => a.Name, StringComparer.Ordinal);
    }

    /// <summary>The base-relative URL of an asset, e.g. <c>_content/Switchyard.Portal/portal.css?v=…</c>.</summary>
    public string Path(string name) =>
        _assets.TryGetValue(name, out var asset) ? $"{BasePath}{name}?v={asset.Version}" : BasePath + name;

    public bool TryGet(string name, out Asset asset) => _assets.TryGetValue(name, out asset!);

    private static string ContentType(string name) => System.IO.Path.GetExtension(name) switch
    {
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };

    public sealed record Asset(string Name, byte[] Content, string ContentType, string Version);
}
