using Microsoft.AspNetCore.Http.HttpResults;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Config;

/// <summary>GET /api/config/revision: the latest published revision.</summary>
public static class GetConfigRevision
{
    public static async Task<Ok<ConfigRevisionDto>> HandleAsync(PublishedSnapshotCache snapshots, CancellationToken cancellationToken)
    {
        var snapshot = await snapshots.GetLatestAsync(cancellationToken);
        return TypedResults.Ok(new ConfigRevisionDto(snapshot.Revision, snapshot.Hash, snapshot.CreatedAt));
    }
}
