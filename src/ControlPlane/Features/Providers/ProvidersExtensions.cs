namespace Switchyard.ControlPlane.Features.Providers;

public static class ProvidersExtensions
{
    /// <summary>Provider credentials: the at-rest protector of their secrets.</summary>
    public static WebApplicationBuilder AddProviderCredentials(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CredentialProtector>();
        return builder;
    }
}
