namespace Switchyard.DataPlane.Pipeline;

public static class PipelineExtensions
{
    /// <summary>The request pipeline with its body-reading stage; capability folders add their stages.</summary>
    public static IServiceCollection AddGatewayPipeline(this IServiceCollection services)
    {
        services.AddOptions<GatewayRequestOptions>()
            .BindConfiguration(GatewayRequestOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<GatewayPipeline>();
        return services.AddGatewayStage<ParseStage>();
    }

    /// <summary>Adds a request stage; it runs at its <see cref="IGatewayStage.Order"/>.</summary>
    public static IServiceCollection AddGatewayStage<TStage>(this IServiceCollection services)
        where TStage : class, IGatewayStage
    {
        services.AddSingleton<TStage>();
        services.AddSingleton<IGatewayStage>(sp => sp.GetRequiredService<TStage>());
        return services;
    }

    /// <summary>Adds a capability that watches every response (see <see cref="IResponseListener"/>).</summary>
    public static IServiceCollection AddResponseListener<TListener>(this IServiceCollection services)
        where TListener : class, IResponseListener
    {
        services.AddSingleton<TListener>();
        services.AddSingleton<IResponseListener>(sp => sp.GetRequiredService<TListener>());
        return services;
    }
}
