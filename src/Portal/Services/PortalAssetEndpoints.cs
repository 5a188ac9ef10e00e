using Microsoft.Net.Http.Headers;

namespace Switchyard.Portal.Services;

internal static class PortalAssetEndpoints
{
    public static IEndpointConventionBuilder MapPortalAssets(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/" + PortalAssets.BasePath + "{name}", (string name, string? v, PortalAssets assets, HttpContext context) =>
        {
            if (!assets.TryGet(name, out var asset))
            {
                return Results.NotFound();
            }

            // Versioned URLs never change content; unversioned ones are revalidated.
            context.Response.Headers.CacheControl = v == asset.Version ? "public, max-age=31536000, immutable" : "no-cache";
            var etag = new EntityTagHeaderValue($"\"{asset.Version}\"");
            return Results.Bytes(asset.Content, asset.ContentType, entityTag: etag);
        })
        .AllowAnonymous()
        .ExcludeFromDescription()
        .WithDisplayName("Switchyard portal assets");
}
