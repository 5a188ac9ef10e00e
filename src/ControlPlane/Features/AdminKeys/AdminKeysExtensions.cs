using Switchyard.ControlPlane.Infrastructure.Startup;

namespace Switchyard.ControlPlane.Features.AdminKeys;

public static class AdminKeysExtensions
{
    /// <summary>Admin API keys: the bootstrap platform key at start (<c>SWITCHYARD_ADMIN_KEY</c> or a generated one).</summary>
    public static WebApplicationBuilder AddAdminKeys(this WebApplicationBuilder builder)
    {
        builder.Services.AddStartupStep<AdminKeyBootstrapper>();
        return builder;
    }
}
