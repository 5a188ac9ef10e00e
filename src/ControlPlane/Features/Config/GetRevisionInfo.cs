using Microsoft.AspNetCore.Http.HttpResults;
using Switchyard.Shared;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Config;

/// <summary>GET /internal/config/revision: the latest published revision and its hash, for nodes healing a missed event.</summary>
public static class GetRevisionInfo
{
    public static async Task<JsonHttpResult<RevisionInfo>> HandleAsync(PublishedSnapshotCache snapshots, CancellationToken cancellationToken)
    {
        var snapshot = await snapshots.GetPublishedAsync(cancellationToken);
        return TypedResults.Json(new RevisionInfo(snapshot.Revision, snapshot.Hash), SwitchyardJson.Options);
    }
}
