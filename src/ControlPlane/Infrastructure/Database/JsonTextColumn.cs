using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchyard.Shared;

namespace Switchyard.ControlPlane.Infrastructure.Database;

/// <summary>
/// Stores a nullable value (a contract record or a list of them) as JSON in a text column, written with
/// <see cref="SwitchyardJson.Options"/>; null stays SQL NULL. Lists are compared by their elements for change tracking,
/// other values (records, maps of lists) by their JSON, so a change inside a nested collection is seen too.
/// </summary>
public static class JsonTextColumn
{
    public static PropertyBuilder<T?> HasJsonTextConversion<T>(this PropertyBuilder<T?> property)
        where T : class
    {
        property.HasConversion(
                v => JsonSerializer.Serialize(v, SwitchyardJson.Options),
                v => JsonSerializer.Deserialize<T>(v, SwitchyardJson.Options),
                new ValueComparer<T?>(
                    (a, b) => Json(a) == Json(b),
                    v => Json(v).GetHashCode(StringComparison.Ordinal),
                    v => v == null ? null : JsonSerializer.Deserialize<T>(Json(v), SwitchyardJson.Options)))
            .HasColumnType("text");
        return property;
    }

    private static string Json<T>(T? value) => value is null ? "" : JsonSerializer.Serialize(value, SwitchyardJson.Options);

    public static PropertyBuilder<List<T>?> HasJsonTextListConversion<T>(this PropertyBuilder<List<T>?> property)
    {
        property.HasConversion(
                v => JsonSerializer.Serialize(v, SwitchyardJson.Options),
                v => JsonSerializer.Deserialize<List<T>>(v, SwitchyardJson.Options),
                new ValueComparer<List<T>?>(
                    (a, b) => a == null ? b == null : b != null && a.SequenceEqual(b),
                    v => v == null ? 0 : v.Aggregate(0, (h, e) => HashCode.Combine(h, e)),
                    v => v == null ? null : v.ToList()))
            .HasColumnType("text");
        return property;
    }

    /// <summary>A non-null list of strings as a JSON array in a text column, compared by its elements.</summary>
    public static PropertyBuilder<List<string>> HasJsonStringList(this PropertyBuilder<List<string>> property)
    {
        property.HasConversion(
                v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
                v => JsonSerializer.Deserialize<List<string>>(v, JsonSerializerOptions.Default) ?? new List<string>(),
                new ValueComparer<List<string>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, e) => HashCode.Combine(h, e)), v => v.ToList()))
            .HasColumnType("text");
        return property;
    }

    /// <summary>A non-null string map as a JSON object in a text column (keys as written), compared by its entries.</summary>
    public static PropertyBuilder<Dictionary<string, string>> HasJsonStringMap(this PropertyBuilder<Dictionary<string, string>> property)
    {
        property.HasConversion(
                v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
                v => JsonSerializer.Deserialize<Dictionary<string, string>>(v, JsonSerializerOptions.Default) ?? new Dictionary<string, string>(),
                new ValueComparer<Dictionary<string, string>>(
                    (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
                    v => v.Aggregate(0, (h, kv) => HashCode.Combine(h, kv.Key, kv.Value)),
                    v => new Dictionary<string, string>(v)))
            .HasColumnType("text");
        return property;
    }
}
