using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Features.Usage;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.Shared.Messages;

namespace Switchyard.Benchmarks;

/// <summary>
/// A migrated control-plane database for the usage ingestion benchmarks: a SQLite file in a temp directory (WAL, as the
/// all-in-one host creates it) or a fresh PostgreSQL database on the server named by <c>SWITCHYARD_TEST_POSTGRES</c>.
/// Removed again on dispose.
/// </summary>
internal sealed class UsageIngestDatabase : IDisposable
{
    private const string PostgresVariable = "SWITCHYARD_TEST_POSTGRES";

    private readonly Func<ControlPlaneDbContext> _context;
    private readonly UsageRecord[] _template;
    private readonly string? _directory;
    private DateTimeOffset _clock = DateTimeOffset.UtcNow;

    private UsageIngestDatabase(Func<ControlPlaneDbContext> context, int batchSize, string? directory)
    {
        _context = context;
        _directory = directory;
        var (tenant, team, key, deployment) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        _template = Enumerable.Range(0, batchSize).Select(i => new UsageRecord(
            Guid.Empty, default, "embedded", tenant, team, key, "chat.completions", "gpt-4o-mini",
            deployment, deployment, "openai", "gpt-4o-mini-2024-07-18", i % 2 == 0, 120 + i % 50, 40 + i % 30, 200, null,
            180.5 + i % 100, i % 2 == 0 ? 35.25 : null)).ToArray();
    }

    public static IEnumerable<string> Providers() =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } ? ["Sqlite", "Postgres"] : ["Sqlite"];

    public static UsageIngestDatabase Create(string provider, int batchSize)
    {
        UsageIngestDatabase database;
        if (provider == "Postgres")
        {
            var builder = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = Environment.GetEnvironmentVariable(PostgresVariable) };
            builder["Database"] = "sy_bench_" + Guid.NewGuid().ToString("N")[..12];
            var options = new DbContextOptionsBuilder<PostgresControlPlaneDbContext>().UseNpgsql(builder.ConnectionString).Options;
            database = new UsageIngestDatabase(() => new PostgresControlPlaneDbContext(options, new TenantScope(), new ConfigChangeSignal(), TimeProvider.System), batchSize, null);
        }
        else
        {
            var directory = Directory.CreateTempSubdirectory("sy-bench-usage-").FullName;
            var options = new DbContextOptionsBuilder<SqliteControlPlaneDbContext>().UseSqlite($"Data Source={Path.Combine(directory, "switchyard.db")}").Options;
            database = new UsageIngestDatabase(() => new SqliteControlPlaneDbContext(options, new TenantScope(), new ConfigChangeSignal(), TimeProvider.System), batchSize, directory);
        }

        using var db = database._context();
        db.Database.Migrate();
        if (db.Database.IsSqlite())
        {
            db.Database.ExecuteSqlRaw("PRAGMA journal_mode = 'wal';");
        }

        return database;
    }

    /// <summary>
    /// The template batch (or its first <paramref name="size"/> records) with fresh time-ordered ids and time stamps that
    /// keep rising from batch to batch, as real traffic's do (repeating them would scatter every batch across the
    /// (tenant, time stamp) index and measure that instead).
    /// </summary>
    public UsageBatchReported NewBatch(int? size = null)
    {
        var records = new UsageRecord[size ?? _template.Length];
        for (var i = 0; i < records.Length; i++)
        {
            _clock = _clock.AddTicks(500);
            records[i] = _template[i] with { Id = Guid.CreateVersion7(_clock), Timestamp = _clock };
        }

        return new UsageBatchReported(Guid.CreateVersion7(), "embedded", records);
    }

    /// <summary>Ingests the batch with a fresh DbContext, as the consumer's scope does ("EfCore": the baseline).</summary>
    public async Task<UsageIngestResult> Ingest(string ingestor, UsageBatchReported batch)
    {
        await using var db = _context();
        var result = ingestor == "EfCore"
            ? await new EfCoreUsageIngestor(db, TimeProvider.System).IngestAsync(batch, CancellationToken.None)
            : await new UsageIngestor(db, TimeProvider.System, []).IngestAsync(batch, CancellationToken.None);
        if (result.Quarantined > 0 || result.Stored + result.AlreadyStored != batch.Records.Count)
        {
            throw new InvalidOperationException($"Unexpected ingest result {result}.");
        }

        return result;
    }

    public void Dispose()
    {
        if (_directory is null)
        {
            using var db = _context();
            db.Database.EnsureDeleted();
            return;
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
