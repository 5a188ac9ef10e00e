using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Startup;

namespace Switchyard.ControlPlane.Infrastructure.DataProtection;

/// <summary>Brings the key ring under the current key-encryption key at start (see <see cref="KeyRingRewrapper"/>).</summary>
internal sealed class KeyRingRewrapStep(KeyRingRewrapper rewrapper, ControlPlaneDbContext db) : IStartupStep
{
    public Task RunAsync(CancellationToken cancellationToken) => rewrapper.RewrapAsync(db, cancellationToken);
}
