using Microsoft.Extensions.DependencyInjection;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Egress;

namespace Switchyard.ControlPlane.Features.Egress;

/// <summary>
/// For HTTP clients whose requests are made by a library (the OpenID Connect backchannel): reads the platform's egress
/// allow-list from the database and puts it on each request for <see cref="EgressHttpHandler"/>, so a platform admin's
/// change applies to the next request of every control plane.
/// </summary>
public sealed class PlatformEgressHandler(IServiceScopeFactory scopes) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ControlPlaneDbContext>();
            request.Options.Set(EgressHttpHandler.PlatformAllowList, await PlatformEgressPolicy.LoadAllowListAsync(db, cancellationToken));
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
