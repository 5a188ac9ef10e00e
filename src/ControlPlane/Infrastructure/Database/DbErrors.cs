using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Switchyard.ControlPlane.Infrastructure.Database;

/// <summary>Recognises provider errors that mean "a client asked for something that conflicts".</summary>
public static class DbErrors
{
    public static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        _ => false,
    };

    public static bool IsForeignKeyViolation(DbUpdateException exception) => exception.InnerException switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.ForeignKeyViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode == 787,
        _ => false,
    };

    /// <summary>
    /// The database refused the row's values (too long, out of range, invalid text, a constraint other than uniqueness):
    /// the data is at fault, not the database, so retrying the same row cannot help.
    /// </summary>
    public static bool IsDataError(DbUpdateException exception) => exception.InnerException switch
    {
        PostgresException pg => (pg.SqlState.StartsWith("22", StringComparison.Ordinal) || pg.SqlState.StartsWith("23", StringComparison.Ordinal))
                                && pg.SqlState != PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode is 18 or 20 || (sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is not (2067 or 1555)),
        _ => false,
    };
}
