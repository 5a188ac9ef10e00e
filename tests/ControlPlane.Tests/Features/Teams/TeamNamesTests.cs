using Switchyard.ControlPlane.Tests.Features.Scim;
using Switchyard.Testing.Scim;

namespace Switchyard.ControlPlane.Tests.Features.Teams;

public sealed class TeamNamesTests
{
    [Fact]
    public async Task CreateAndRename_NameOfAnotherTeamInAnotherCase_ConflictThroughAdminApiAndScim()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        await TeamNameUniquenessSequence.RunAsync(await ScimHosts.HarnessAsync(host));
    }
}
