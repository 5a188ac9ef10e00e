using Switchyard.ControlPlane.Infrastructure.Startup;

namespace Switchyard.ControlPlane.Features.Demo;

public static class DemoExtensions
{
    /// <summary>The demo seed at start when <c>Demo:Enabled</c> (register after the steps it relies on: first revision, admin key).</summary>
    public static WebApplicationBuilder AddDemo(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddStartupStep<DemoSeeder>();
        return builder;
    }
}
