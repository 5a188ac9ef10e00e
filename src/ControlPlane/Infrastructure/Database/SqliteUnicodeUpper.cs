using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Switchyard.ControlPlane.Infrastructure.Database;

/// <summary>
/// Replaces SQLite's <c>upper()</c>, which folds ASCII letters only, with .NET's <see cref="string.ToUpperInvariant()"/> on
/// every connection, so case-insensitive comparisons translated from <c>ToUpper()</c> (SCIM filters on members' names)
/// fold <c>é</c>, <c>ß</c> or <c>Ж</c> as they do on PostgreSQL and in .NET, and the migration that folded existing team
/// names (<c>TeamNormalizedNames</c>) folded them as .NET does.
/// </summary>
internal sealed class SqliteUnicodeUpper : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Register(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Register(connection);
        return Task.CompletedTask;
    }

    private static void Register(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite)
        {
            sqlite.CreateFunction<string?, string?>("upper", value => value?.ToUpperInvariant(), isDeterministic: true);
        }
    }
}
