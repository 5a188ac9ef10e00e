using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Switchyard.ControlPlane.Features.Config;

/// <summary>GET /internal/config/snapshot: the latest published snapshot JSON, with its hash as ETag (304 on If-None-Match).</summary>
public static class GetSnapshot
{
    public const string RevisionHeader = "X-Switchyard-Revision";

    public static async Task<Results<FileContentHttpResult, StatusCodeHttpResult>> HandleAsync(
        HttpContext context, PublishedSnapshotCache snapshots, CancellationToken cancellationToken)
    {
        var snapshot = await snapshots.GetPublishedAsync(cancellationToken);
        var etag = new EntityTagHeaderValue($"\"{snapshot.Hash}\"");
        context.Response.Headers[RevisionHeader] = snapshot.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "no-cache";
        if (context.Request.GetTypedHeaders().IfNoneMatch.Any(e => e.Compare(etag, useStrongComparison: false)))
        {
            context.Response.Headers.ETag = etag.ToString();
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Bytes(snapshot.Json, "application/json", entityTag: etag);
    }
}
