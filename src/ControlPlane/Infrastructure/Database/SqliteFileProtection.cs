using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Switchyard.ServiceDefaults.Files;

namespace Switchyard.ControlPlane.Infrastructure.Database;

/// <summary>
/// Keeps a SQLite database file readable by its owner only (0600): it holds credential hashes, encrypted provider
/// secrets and usage. SQLite creates the -wal, -shm and -journal files with the mode of the database file, so creating
/// that file 0600 before SQLite does (an empty file is an empty database, switched to WAL as EF Core would) covers them
/// all; files an older version created with the process umask are tightened.
/// </summary>
internal static class SqliteFileProtection
{
    private static readonly string[] Companions = ["", "-wal", "-shm", "-journal"];

    public static void Apply(ControlPlaneDbContext db)
    {
        if (!db.Database.IsSqlite() || db.Database.GetConnectionString() is not { } connectionString)
        {
            return;
        }

        var builder = new SqliteConnectionStringBuilder(connectionString);
        var path = builder.DataSource;
        if (builder.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(path) || path == ":memory:" || path.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        path = Path.GetFullPath(path);
        if (!File.Exists(path) && Path.GetDirectoryName(path) is { } directory)
        {
            Directory.CreateDirectory(directory);
            using (PrivateFiles.OpenWrite(path, FileMode.CreateNew))
            {
            }

            // What EF Core does when it creates the database itself (the file now exists, so it will not).
            db.Database.ExecuteSqlRaw("PRAGMA journal_mode = 'wal';");
        }

        foreach (var suffix in Companions)
        {
            PrivateFiles.Restrict(path + suffix);
        }
    }
}
