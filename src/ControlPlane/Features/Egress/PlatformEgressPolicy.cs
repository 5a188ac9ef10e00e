using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Switchyard.ControlPlane.Features.Config;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Egress;

namespace Switchyard.ControlPlane.Features.Egress;

/// <summary>
/// The platform's egress allow-list (one row), owned by platform admins and carried in every snapshot: destinations that
/// are not public but that data-plane nodes may connect to. Entries are stored in <see cref="EgressAllowList"/>'s normal form.
/// </summary>
public sealed class PlatformEgressPolicy : IConfigEntity
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public List<string> AllowedHosts { get; set; } = [];
    public List<string> AllowedNetworks { get; set; } = [];
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>"member:…" or "admin-key:…" (see <c>Caller.Audit</c>).</summary>
    public string UpdatedBy { get; set; } = "";

    public EgressAllowList ToAllowList() => EgressAllowList.CreateLenient(AllowedHosts, AllowedNetworks);

    public EgressPolicyDto ToDto() => new(AllowedHosts, AllowedNetworks, UpdatedAt, UpdatedBy);

    /// <summary>The snapshot's form; null when the list is empty (left out of the snapshot).</summary>
    public EgressSnapshot? ToSnapshot() =>
        AllowedHosts.Count == 0 && AllowedNetworks.Count == 0
            ? null
            : new EgressSnapshot([.. AllowedHosts.Order(StringComparer.Ordinal)], [.. AllowedNetworks.Order(StringComparer.Ordinal)]);

    /// <summary>The platform's allow-list as stored; empty when it was never set.</summary>
    public static async Task<EgressAllowList> LoadAllowListAsync(ControlPlaneDbContext db, CancellationToken cancellationToken) =>
        (await db.PlatformEgressPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.Id == PlatformEgressPolicy.SingletonId, cancellationToken))?.ToAllowList() ?? EgressAllowList.Empty;
}

internal sealed class PlatformEgressPolicyConfiguration : IEntityTypeConfiguration<PlatformEgressPolicy>
{
    public void Configure(EntityTypeBuilder<PlatformEgressPolicy> builder)
    {
        builder.ToTable("PlatformEgressPolicies");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.AllowedHosts).HasConversion(ListAsJson(), ListComparer()).HasColumnType("text");
        builder.Property(p => p.AllowedNetworks).HasConversion(ListAsJson(), ListComparer()).HasColumnType("text");
        builder.Property(p => p.UpdatedBy).HasMaxLength(100);
    }

    private static ValueConverter<List<string>, string> ListAsJson() => new(
        v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
        v => JsonSerializer.Deserialize<List<string>>(v, JsonSerializerOptions.Default) ?? new List<string>());

    private static ValueComparer<List<string>> ListComparer() => new(
        (a, b) => a!.SequenceEqual(b!),
        v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s)),
        v => v.ToList());
}
