using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Switchyard.ControlPlane.Features.Config;
using Switchyard.Shared;

namespace Switchyard.ControlPlane.Features.Audit;

/// <summary>
/// One mutating admin API call's audit state: the changes of each SaveChanges the call makes, collected by
/// <see cref="AdminAuditInterceptor"/> (for each row added, modified or deleted, its type, key, and the changed values
/// before and after), and the entries it wrote with them. Secrets are
/// never collected: any property whose name contains Hash, Secret, Password, Stamp, Protected, WrappedKey or Token is left
/// out (virtual and admin key hashes, provider credentials, Identity's password hash and stamps), and Identity's user tokens
/// (authenticator keys, recovery codes) are never collected at all. An audit data key's deletion is recorded (its tenant
/// and creation time; the wrapped key is a secret by name).
/// </summary>
public sealed class AdminAuditScope(AdminAuditActor actor)
{
    private static readonly string[] SecretNameParts = ["Hash", "Secret", "Password", "Stamp", "Protected", "WrappedKey", "Token"];

    private static readonly HashSet<Type> Ignored =
    [
        typeof(ConfigRevision), typeof(DataProtectionKey), typeof(AuditChain), typeof(AuditRequestEntry), typeof(AuditAdminEntry),
        typeof(IdentityUserToken<Guid>),
    ];

    /// <summary>Who the call's entries name, and on which tenant's chain they go.</summary>
    public AdminAuditActor Actor { get; } = actor;

    public string? ObjectType { get; private set; }

    public string? ObjectId { get; private set; }

    /// <summary>Entries written in the transactions of the call's changes (the call's own entry is then not needed).</summary>
    public int Written { get; set; }

    /// <summary>Per DbContext: the entry added to its SaveChanges in flight, and the transaction begun for it (null: the caller's).</summary>
    internal Dictionary<DbContext, (AuditAdminEntry Entry, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? Transaction)> Pending { get; } = [];

    /// <summary>The changes one SaveChanges is about to make (empty when none is audited).</summary>
    public JsonArray Capture(ChangeTracker tracker)
    {
        var changes = new JsonArray();
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted) || Ignored.Contains(entry.Metadata.ClrType))
            {
                continue;
            }

            var before = new JsonObject();
            var after = new JsonObject();
            foreach (var property in entry.Properties)
            {
                var name = property.Metadata.Name;
                if (SecretNameParts.Any(part => name.Contains(part, StringComparison.OrdinalIgnoreCase))
                    || (entry.State == EntityState.Modified && !property.IsModified))
                {
                    continue;
                }

                var key = JsonNamingPolicy.CamelCase.ConvertName(name);
                if (entry.State != EntityState.Added)
                {
                    before[key] = Value(property.OriginalValue);
                }

                if (entry.State != EntityState.Deleted)
                {
                    after[key] = Value(property.CurrentValue);
                }
            }

            var type = entry.Metadata.ClrType.Name;
            var id = string.Join(",", entry.Metadata.FindPrimaryKey()?.Properties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, System.Globalization.CultureInfo.InvariantCulture)) ?? []);
            ObjectType ??= Cut(type);
            ObjectId ??= Cut(id);
            var change = new JsonObject { ["type"] = type, ["id"] = id, ["state"] = entry.State.ToString() };
            if (entry.State != EntityState.Added)
            {
                change["before"] = before;
            }

            if (entry.State != EntityState.Deleted)
            {
                change["after"] = after;
            }

            changes.Add(change);
        }

        return changes;
    }

    private static JsonNode? Value(object? value) => value is null ? null : JsonSerializer.SerializeToNode(value, value.GetType(), SwitchyardJson.Options);

    private static string Cut(string value) => value.Length <= AuditAdminEntry.ObjectMaxLength ? value : value[..AuditAdminEntry.ObjectMaxLength];
}
