using System.ComponentModel.DataAnnotations;

namespace Switchyard.ServiceDefaults.Messaging;

public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    /// <summary>"InMemory" (one process, embedded mode) or "RabbitMq" (distributed mode).</summary>
    [Required]
    [RegularExpression("^(InMemory|RabbitMq)$", ErrorMessage = "Messaging:Transport must be InMemory or RabbitMq.")]
    public string Transport { get; set; } = "InMemory";

    public RabbitMqOptions RabbitMq { get; set; } = new();
}

public sealed class RabbitMqOptions
{
    public string Host { get; set; } = "127.0.0.1";
    public ushort Port { get; set; } = 5672;
    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "";
    public string Password { get; set; } = "";
}
