using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Switchyard.ControlPlane.Features.Config;
using Switchyard.Shared;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Tests.Features.Config;

public sealed class NodeEndpointsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("wrong-node-secret-0123456789abcdef-0123456789")]
    [InlineData(ControlPlaneTestHost.AdminKey)]
    public async Task Snapshot_WrongOrMissingNodeSecret_Unauthorized(string? secret)
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var client = secret is null ? host.Anonymous : host.CreateClient(secret);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(InternalRoutes.Snapshot)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(InternalRoutes.Revision)).StatusCode);
    }

    [Fact]
    public async Task Snapshot_NodeSecret_ServesLatestWithEtagAndNotModified()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        await SnapshotBuilderTests.SeedAsync(host);
        await host.WaitUntilPublishedAsync();
        var node = host.CreateClient(ControlPlaneTestHost.NodeSecret);

        var revision = await node.GetFromJsonAsync<RevisionInfo>(InternalRoutes.Revision, SwitchyardJson.Options);
        var response = await node.GetAsync(InternalRoutes.Snapshot);
        var snapshot = (await response.Content.ReadFromJsonAsync<ConfigSnapshot>(SwitchyardJson.Options))!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(revision!.Revision, snapshot.Revision);
        Assert.Equal(revision.Hash, snapshot.Hash);
        Assert.Equal(ConfigSnapshotHash.Compute(snapshot), snapshot.Hash);
        Assert.Equal(snapshot.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Headers.GetValues(GetSnapshot.RevisionHeader).Single());
        Assert.Equal($"\"{snapshot.Hash}\"", response.Headers.ETag?.Tag);
        Assert.Contains("\"status\":\"Active\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, InternalRoutes.Snapshot);
        conditional.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{snapshot.Hash}\""));
        Assert.Equal(HttpStatusCode.NotModified, (await node.SendAsync(conditional)).StatusCode);
    }
}
