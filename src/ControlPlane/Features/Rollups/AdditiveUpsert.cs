using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Switchyard.ControlPlane.Features.Rollups;

/// <summary>
/// Adds rows of <typeparamref name="T"/> to the stored ones: <c>INSERT … VALUES … ON CONFLICT (primary key) DO UPDATE SET
/// m = table.m + excluded.m</c> for every non-key column, on SQLite and PostgreSQL alike. Two transactions adding to the
/// same row both count (the second waits for the first's row lock, then adds to its committed value). Callers pass rows
/// with distinct keys, sorted in one global order (<see cref="RollupBatch"/>), and upsert tables in one fixed order, so two
/// concurrent transactions take their row locks in the same order and cannot deadlock. Columns, type mappings and value
/// converters come from the EF Core model.
/// </summary>
internal sealed class AdditiveUpsert<T>
    where T : class
{
    /// <summary>Rows per statement: keeps SQLite's per-statement parameter binding cheap and PostgreSQL's statements small.</summary>
    private const int RowsPerStatement = 50;

    private static readonly ConditionalWeakTable<IModel, AdditiveUpsert<T>> Cache = new();

    private readonly Column[] _columns;
    private readonly string _head;
    private readonly string _tail;

    private AdditiveUpsert(DbContext db)
    {
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not part of the model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var keys = entityType.FindPrimaryKey()!.Properties;
        _columns = entityType.GetProperties().Select(p => new Column(p, sql.DelimitIdentifier(p.GetColumnName(table)!), keys.Contains(p))).ToArray();
        var tableName = sql.DelimitIdentifier(table.Name, table.Schema);
        _head = $"INSERT INTO {tableName} ({string.Join(", ", _columns.Select(c => c.Name))}) VALUES ";
        _tail = $" ON CONFLICT ({string.Join(", ", _columns.Where(c => c.IsKey).Select(c => c.Name))}) DO UPDATE SET "
                + string.Join(", ", _columns.Where(c => !c.IsKey).Select(c => $"{c.Name} = {tableName}.{c.Name} + excluded.{c.Name}"));
    }

    public static AdditiveUpsert<T> For(DbContext db)
    {
        if (!Cache.TryGetValue(db.Model, out var upsert))
        {
            upsert = new AdditiveUpsert<T>(db);
            Cache.AddOrUpdate(db.Model, upsert);
        }

        return upsert;
    }

    /// <summary>Adds the rows, in the order given, on the context's connection and in its current transaction.</summary>
    public async Task AddAsync(DbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            for (var offset = 0; offset < rows.Count; offset += RowsPerStatement)
            {
                var count = Math.Min(RowsPerStatement, rows.Count - offset);
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                if (db.Database.GetCommandTimeout() is { } timeout)
                {
                    command.CommandTimeout = timeout;
                }

                var text = new StringBuilder(_head);
                for (var r = 0; r < count; r++)
                {
                    text.Append(r == 0 ? "(" : ", (");
                    for (var c = 0; c < _columns.Length; c++)
                    {
                        var name = "@p" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
                        var parameter = _columns[c].Mapping.CreateParameter(command, name, null, _columns[c].IsNullable);
                        parameter.Value = _columns[c].ProviderValue(rows[offset + r]) ?? DBNull.Value;
                        command.Parameters.Add(parameter);
                        text.Append(c == 0 ? "" : ", ").Append(name);
                    }

                    text.Append(')');
                }

                command.CommandText = text.Append(_tail).ToString();
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private sealed class Column(IProperty property, string name, bool isKey)
    {
        private readonly IClrPropertyGetter _getter = property.GetGetter();
        private readonly ValueConverter? _converter = property.GetRelationalTypeMapping().Converter;

        public string Name { get; } = name;
        public bool IsKey { get; } = isKey;
        public RelationalTypeMapping Mapping { get; } = property.GetRelationalTypeMapping();
        public bool IsNullable { get; } = property.IsNullable;

        public object? ProviderValue(T row)
        {
            var value = _getter.GetClrValueUsingContainingEntity(row);
            return value is not null && _converter is not null ? _converter.ConvertToProvider(value) : value;
        }
    }
}
