using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Budgets;

/// <summary>A tenant's budget settings: the webhook its budget alerts are posted to (none: alerts are only recorded).</summary>
public sealed class BudgetSettings : ITenantOwned
{
    public const int WebhookUrlMaxLength = 2000;

    public Guid TenantId { get; set; }
    public string? WebhookUrl { get; set; }
}

internal sealed class BudgetSettingsConfiguration : IEntityTypeConfiguration<BudgetSettings>
{
    public void Configure(EntityTypeBuilder<BudgetSettings> builder)
    {
        builder.ToTable("BudgetSettings");
        builder.HasKey(s => s.TenantId);
        builder.Property(s => s.WebhookUrl).HasMaxLength(BudgetSettings.WebhookUrlMaxLength);
    }
}
