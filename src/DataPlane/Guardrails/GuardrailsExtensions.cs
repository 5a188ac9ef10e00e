using Switchyard.DataPlane.Pipeline;

namespace Switchyard.DataPlane.Guardrails;

public static class GuardrailsExtensions
{
    /// <summary>The tenants' policies on the request path: the input guard stage (the answer is guarded where it is written, see <see cref="OutputGuard"/>).</summary>
    public static IServiceCollection AddGuardrails(this IServiceCollection services)
    {
        services.AddOptions<GuardrailOptions>()
            .BindConfiguration(GuardrailOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<OutputGuard>();
        services.AddSingleton<ExternalGuardrailClient>();
        return services.AddGatewayStage<InputGuardStage>();
    }
}
