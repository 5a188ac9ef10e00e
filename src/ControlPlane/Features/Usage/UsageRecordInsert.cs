using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Switchyard.ControlPlane.Features.Usage;

/// <summary>
/// Inserts <see cref="UsageRecordEntity"/> rows with <c>INSERT … VALUES (…), (…) ON CONFLICT (id) DO NOTHING</c>, so the
/// database itself skips a record that is stored already (a redelivery, a concurrent delivery): no existence query, no
/// change tracking, no unique-violation retry. Table, columns, type mappings and value converters come from the EF Core
/// model, so rows are stored exactly as <c>SaveChanges</c> would store them and a new column is inserted without touching
/// this class. SQLite (3.24+) and PostgreSQL both understand the statement.
/// <para>
/// One command is reused for all rows of a call (parameters are rebound, not recreated; SQLite keeps the statement
/// compiled while its text stays the same). How many rows go into one statement depends on the provider, as measured in
/// <c>bench/</c>: SQLite looks every named parameter up by a linear scan while binding, so a statement of n rows costs
/// about n² to bind, and with no round trip to save one row per statement is cheapest; PostgreSQL pays a round trip per
/// statement, but both Npgsql's and the server's cost per row grow with the statement's size: about a hundred rows are
/// cheapest (far below PostgreSQL's 65,535 parameters; SQLite's limit is 32,766).
/// </para>
/// <para>
/// Provider errors are rethrown as <see cref="DbUpdateException"/> (inner exception: the provider's), as
/// <c>SaveChanges</c> would, so callers tell refused values from an unreachable database as they did before.
/// </para>
/// </summary>
internal sealed class UsageRecordInsert
{
    private const int SqliteRowsPerStatement = 1;
    private const int PostgresRowsPerStatement = 100;
    private const int PostgresMaxParameters = 65_535;

    private static readonly ConditionalWeakTable<IModel, UsageRecordInsert> Cache = new();

    private readonly Column[] _columns;
    private readonly string _prefix;
    private readonly string _suffix;
    private readonly string _fullStatement;
    private readonly int _rows;

    private UsageRecordInsert(DbContext db)
    {
        var entityType = db.Model.FindEntityType(typeof(UsageRecordEntity))
                         ?? throw new InvalidOperationException("UsageRecordEntity is not part of the model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        _columns = entityType.GetProperties()
            .Select(p => new Column(p.GetRelationalTypeMapping(), p.GetGetter(), p.IsNullable, sql.DelimitIdentifier(p.GetColumnName(table)!)))
            .ToArray();
        var key = string.Join(", ", entityType.FindPrimaryKey()!.Properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)));
        _prefix = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", _columns.Select(c => c.Name))}) VALUES ";
        _suffix = $" ON CONFLICT ({key}) DO NOTHING";
        _rows = db.Database.IsSqlite() ? SqliteRowsPerStatement : Math.Min(PostgresRowsPerStatement, PostgresMaxParameters / _columns.Length);
        _fullStatement = Statement(_rows);
    }

    /// <summary>Rows per statement: a call with more rows runs several statements.</summary>
    public int RowsPerStatement => _rows;

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
    /// Inserts the rows on the context's connection, in its current transaction if it has one (several statements
    /// should run in one: each statement on its own is atomic). Returns how many rows were new.
    /// </summary>
    public async Task<int> InsertAsync(DbContext db, IReadOnlyList<UsageRecordEntity> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            if (db.Database.GetCommandTimeout() is { } timeout)
            {
                command.CommandTimeout = timeout;
            }

            var inserted = 0;
            var builtRows = 0;
            for (var offset = 0; offset < rows.Count; offset += _rows)
            {
                var count = Math.Min(_rows, rows.Count - offset);
                if (count != builtRows)
                {
                    Build(command, count);
                    builtRows = count;
                }

                Bind(command.Parameters, rows, offset, count);
                try
                {
                    inserted += await command.ExecuteNonQueryAsync(cancellationToken);
                }
                catch (DbException ex)
                {
                    throw new DbUpdateException($"The database refused the usage records: {ex.Message}", ex);
                }
            }

            return inserted;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private void Build(DbCommand command, int rows)
    {
        command.CommandText = rows == _rows ? _fullStatement : Statement(rows);
        command.Parameters.Clear();
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < _columns.Length; column++)
            {
                var c = _columns[column];
                command.Parameters.Add(c.Mapping.CreateParameter(command, ParameterName(row * _columns.Length + column), null, c.Nullable));
            }
        }
    }

    private void Bind(DbParameterCollection parameters, IReadOnlyList<UsageRecordEntity> rows, int offset, int count)
    {
        var index = 0;
        for (var row = 0; row < count; row++)
        {
            var entity = rows[offset + row];
            foreach (var column in _columns)
            {
                var value = column.Getter.GetClrValueUsingContainingEntity(entity);
                if (column.Converter is { } converter)
                {
                    value = converter.ConvertToProvider(value);
                }

                parameters[index++].Value = value ?? DBNull.Value;
            }
        }
    }

    private string Statement(int rows)
    {
        var text = new StringBuilder(_prefix.Length + _suffix.Length + rows * _columns.Length * 8);
        text.Append(_prefix);
        for (var row = 0; row < rows; row++)
        {
            text.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < _columns.Length; column++)
            {
                text.Append(column == 0 ? "" : ", ").Append(ParameterName(row * _columns.Length + column));
            }

            text.Append(')');
        }

        return text.Append(_suffix).ToString();
    }

    private static string ParameterName(int index) => "@p" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private sealed record Column(RelationalTypeMapping Mapping, IClrPropertyGetter Getter, bool Nullable, string Name)
    {
        public ValueConverter? Converter { get; } = Mapping.Converter;
    }
}
