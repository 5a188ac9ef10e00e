using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Switchyard.ServiceDefaults.Messaging;

/// <summary>
/// One MassTransit bus per process. Each part registers its consumers with <see cref="AddMessagingParticipant"/>;
/// the host then calls <see cref="AddSwitchyardMessaging"/> once, which picks the transport from configuration.
/// This lets the all-in-one host run control plane and data plane on one in-memory bus.
/// </summary>
public static class MessagingExtensions
{
    private const string RegistrationsKey = "Switchyard.Messaging.Registrations";

    public static IHostApplicationBuilder AddMessagingParticipant(this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator> register)
    {
        Registrations(builder).Add(register);
        return builder;
    }

    public static IHostApplicationBuilder AddSwitchyardMessaging(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MessagingOptions>()
            .BindConfiguration(MessagingOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.Transport != "RabbitMq" || (o.RabbitMq.Username.Length > 0 && o.RabbitMq.Password.Length > 0),
                "Messaging:RabbitMq:Username and Messaging:RabbitMq:Password are required when Messaging:Transport is RabbitMq.")
            .ValidateOnStart();

        var options = builder.Configuration.GetSection(MessagingOptions.Section).Get<MessagingOptions>() ?? new MessagingOptions();
        var registrations = Registrations(builder);

        builder.Services.AddMassTransit(x =>
        {
            // No calls home: MassTransit would otherwise report usage telemetry to its vendor from every process.
            x.DisableUsageTelemetry();
            x.SetKebabCaseEndpointNameFormatter();
            foreach (var register in registrations)
            {
                register(x);
            }

            if (options.Transport == "RabbitMq")
            {
                x.UsingRabbitMq((context, cfg) =>
                {
                    var rabbit = context.GetRequiredService<IOptions<MessagingOptions>>().Value.RabbitMq;
                    cfg.Host(rabbit.Host, rabbit.Port, rabbit.VirtualHost, h =>
                    {
                        h.Username(rabbit.Username);
                        h.Password(rabbit.Password);
                        h.PublisherConfirmation = true;
                        h.RequestedConnectionTimeout(TimeSpan.FromSeconds(5));
                    });
                    cfg.ConfigureEndpoints(context);
                });
            }
            else
            {
                x.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
            }
        });
        return builder;
    }

    private static List<Action<IBusRegistrationConfigurator>> Registrations(IHostApplicationBuilder builder)
    {
        if (!builder.Properties.TryGetValue(RegistrationsKey, out var value))
        {
            value = new List<Action<IBusRegistrationConfigurator>>();
            builder.Properties[RegistrationsKey] = value;
        }

        return (List<Action<IBusRegistrationConfigurator>>)value;
    }
}
