using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Switchyard.ControlPlane.Features.Usage;

/// <summary>
/// Inserts <see cref="UsageRecordEntity"/> rows with <c>INSERT … ON CONFLICT (id) DO NOTHING RETURNING id</c>, so the database itself
/// skips a record that is stored already (a redelivery, a concurrent delivery): no existence query, no change tracking,
/// no unique-violation retry. Table, columns, type mappings and value converters come from the EF Core model, so rows are
/// stored exactly as <c>SaveChanges</c> would store them and a new column is inserted without touching this class.
/// <para>
/// The statement's shape is the one each provider runs cheapest, as measured in <c>bench/</c>:
/// <list type="bullet">
/// <item>SQLite: <c>VALUES (@p0, …)</c>, one row per statement, the command reused so SQLite compiles it once per call.
/// SQLite is in-process (no round trip to save) and looks every named parameter up by a linear scan while binding, so
/// a statement of n rows costs about n² to bind: 4 rows per statement already cost more per row than 1.</item>
/// <item>PostgreSQL: <c>SELECT * FROM unnest(@p0, …)</c> with one array parameter per column, all rows in one statement:
/// one round trip, a statement the server parses and plans in no time whatever the row count (a multi-row
/// <c>VALUES</c> list of 100 rows, 1,900 parameters, took longer to plan than to run), and no parameter limit.
/// Values are not cast on the way in, so a text too long for its column fails like any insert would.</item>
/// </list>
/// </para>
/// <para>
/// Provider errors are rethrown as <see cref="DbUpdateException"/> (inner exception: the provider's), as
/// <c>SaveChanges</c> would, so callers tell refused values from an unreachable database as they did before.
/// </para>
/// </summary>
internal sealed class UsageRecordInsert
{
    private static readonly ConditionalWeakTable<IModel, UsageRecordInsert> Cache = new();

    private readonly Column[] _columns;
    private readonly bool _arrays;
    private readonly string _statement;

    private UsageRecordInsert(DbContext db)
    {
        var entityType = db.Model.FindEntityType(typeof(UsageRecordEntity))
                         ?? throw new InvalidOperationException("UsageRecordEntity is not part of the model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        _columns = entityType.GetProperties().Select(p => new Column(p, sql.DelimitIdentifier(p.GetColumnName(table)!))).ToArray();
        _arrays = db.Database.IsNpgsql();
        var key = string.Join(", ", entityType.FindPrimaryKey()!.Properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)));
        var parameters = string.Join(", ", _columns.Select((_, i) => ParameterName(i)));
        _statement = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", _columns.Select(c => c.Name))}) "
                     + (_arrays ? $"SELECT * FROM unnest({parameters})" : $"VALUES ({parameters})")
                     + $" ON CONFLICT ({key}) DO NOTHING RETURNING {key}";
    }

    /// <summary>Rows per statement: a call with more rows runs several statements (all of them in one on PostgreSQL).</summary>
    public int RowsPerStatement => _arrays ? int.MaxValue : 1;

    public static UsageRecordInsert For(DbContext db)
    {
        if (!Cache.TryGetValue(db.Model, out var insert))
        {
            insert = new UsageRecordInsert(db);
            Cache.AddOrUpdate(db.Model, insert);
        }

        return insert;
    }

    /// <summary>
    /// Inserts the rows, in this order, on the context's connection and in its current transaction if it has one (several
    /// statements should run in one: each statement on its own is atomic). Returns the rows that were new (the statement
    /// returns their ids), in the order given; a row stored before is not among them.
    /// </summary>
    public async Task<List<UsageRecordEntity>> InsertAsync(DbContext db, IReadOnlyList<UsageRecordEntity> rows, CancellationToken cancellationToken)
    {
        var inserted = new List<UsageRecordEntity>(rows.Count);
        if (rows.Count == 0)
        {
            return inserted;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = _statement;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            if (db.Database.GetCommandTimeout() is { } timeout)
            {
                command.CommandTimeout = timeout;
            }

            if (_arrays)
            {
                BindArrays(command, rows);
                var ids = new HashSet<Guid>(rows.Count);
                await ExecuteAsync(command, reader => ids.Add(reader.GetGuid(0)), cancellationToken);
                inserted.AddRange(rows.Where(r => ids.Contains(r.Id)));
                return inserted;
            }

            foreach (var column in _columns)
            {
                command.Parameters.Add(column.Mapping.CreateParameter(command, ParameterName(command.Parameters.Count), null, column.IsNullable));
            }

            foreach (var row in rows)
            {
                for (var i = 0; i < _columns.Length; i++)
                {
                    command.Parameters[i].Value = _columns[i].ProviderValue(row) ?? DBNull.Value;
                }

                var isNew = false;
                await ExecuteAsync(command, _ => isNew = true, cancellationToken);
                if (isNew)
                {
                    inserted.Add(row);
                }
            }

            return inserted;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>One array per column of the provider's values (nullable elements where the column is nullable).</summary>
    private void BindArrays(DbCommand command, IReadOnlyList<UsageRecordEntity> rows)
    {
        foreach (var column in _columns)
        {
            var values = Array.CreateInstance(column.ArrayElementType, rows.Count);
            for (var row = 0; row < rows.Count; row++)
            {
                values.SetValue(column.ProviderValue(rows[row]), row);
            }

            var parameter = command.CreateParameter();
            parameter.ParameterName = ParameterName(command.Parameters.Count);
            parameter.Value = values;
            command.Parameters.Add(parameter);
        }
    }

    /// <summary>Runs the statement and hands each returned row (the id of a new record) to <paramref name="onRow"/>.</summary>
    private static async Task ExecuteAsync(DbCommand command, Action<DbDataReader> onRow, CancellationToken cancellationToken)
    {
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                onRow(reader);
            }
        }
        catch (DbException ex)
        {
            throw new DbUpdateException($"The database refused the usage records: {ex.Message}", ex);
        }
    }

    private static string ParameterName(int index) => "@p" + index.ToString(CultureInfo.InvariantCulture);

    private sealed class Column(IProperty property, string name)
    {
        private readonly IClrPropertyGetter _getter = property.GetGetter();
        private readonly ValueConverter? _converter = property.GetRelationalTypeMapping().Converter;

        public string Name { get; } = name;
        public RelationalTypeMapping Mapping { get; } = property.GetRelationalTypeMapping();
        public bool IsNullable { get; } = property.IsNullable;

        /// <summary>The provider's CLR type of one value, nullable when the column is.</summary>
        public Type ArrayElementType { get; } = ElementType(property);

        /// <summary>The row's value for this column as the provider takes it (value converter applied), or null.</summary>
        public object? ProviderValue(UsageRecordEntity row)
        {
            var value = _getter.GetClrValueUsingContainingEntity(row);
            return value is not null && _converter is not null ? _converter.ConvertToProvider(value) : value;
        }

        private static Type ElementType(IProperty property)
        {
            var mapping = property.GetRelationalTypeMapping();
            var type = mapping.Converter?.ProviderClrType ?? mapping.ClrType;
            type = System.Nullable.GetUnderlyingType(type) ?? type;
            return property.IsNullable && type.IsValueType ? typeof(Nullable<>).MakeGenericType(type) : type;
        }
    }
}
