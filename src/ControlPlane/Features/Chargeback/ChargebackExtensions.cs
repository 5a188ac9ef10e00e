using Switchyard.ControlPlane.Infrastructure.Jobs;

namespace Switchyard.ControlPlane.Features.Chargeback;

public static class ChargebackExtensions
{
    /// <summary>Chargeback: its options and the hourly job that closes each tenant's monthly statements.</summary>
    public static WebApplicationBuilder AddChargeback(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ChargebackOptions>().BindConfiguration(ChargebackOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddRecurringJob<CloseStatementsJob>(CloseStatementsJob.Id, j => j.RunAsync(CancellationToken.None), "15 * * * *");
        return builder;
    }
}
