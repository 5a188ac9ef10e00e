using Switchyard.DataPlane.Pipeline;
using Switchyard.DataPlane.Providers.Upstream;
using Switchyard.Governance.External;

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
        services.AddSingleton(sp =>
        {
            var upstream = sp.GetRequiredService<UpstreamHttpClient>();
            return new ExternalGuardrailClient(() => upstream.Invoker);
        });
        return services.AddGatewayStage<InputGuardStage>();
    }
}
