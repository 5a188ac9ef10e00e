namespace Switchyard.ControlPlane.Infrastructure.Startup;

public static class StartupExtensions
{
    /// <summary>Registers <typeparamref name="T"/> (scoped, so it can take the DbContext) to run at start after the migrations.</summary>
    public static IServiceCollection AddStartupStep<T>(this IServiceCollection services)
        where T : class, IStartupStep
    {
        services.AddScoped<T>();
        services.AddScoped<IStartupStep>(sp => sp.GetRequiredService<T>());
        return services;
    }

    /// <summary>
    /// Registers the start-up initializer: it must be the first hosted service, before the job server and the bus
    /// (call this before adding them).
    /// </summary>
    public static IServiceCollection AddStartupInitializer(this IServiceCollection services) =>
        services.AddHostedService<StartupInitializer>();
}
