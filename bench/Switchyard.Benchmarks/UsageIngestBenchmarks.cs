using BenchmarkDotNet.Attributes;
using Switchyard.ControlPlane.Features.Usage;
using Switchyard.Shared.Messages;

namespace Switchyard.Benchmarks;

/// <summary>
/// The control plane's usage ingestion as the consumer runs it (a fresh DbContext per batch), into a migrated SQLite
/// file in a temp directory (WAL, as the all-in-one host creates it), and into PostgreSQL when
/// <c>SWITCHYARD_TEST_POSTGRES</c> is set (<c>eval "$(infra/services.sh env)"</c>; a fresh database per case).
/// <see cref="UsageIngestor"/> (<c>INSERT … ON CONFLICT DO NOTHING</c>) beside <see cref="EfCoreUsageIngestor"/>, the
/// change-tracking version it replaced. New records get fresh ids on every call (building the batch is measured on its
/// own); a redelivery ingests a batch that is stored already.
/// </summary>
[MemoryDiagnoser]
public class UsageIngestBenchmarks
{
    private UsageIngestDatabase _database = null!;
    private UsageBatchReported _stored = null!;

    [Params(100, 1000, 5000)]
    public int BatchSize { get; set; }

    [Params("EfCore", "OnConflict")]
    public string Ingestor { get; set; } = "OnConflict";

    [ParamsSource(nameof(Providers))]
    public string Provider { get; set; } = "Sqlite";

    public static IEnumerable<string> Providers() => UsageIngestDatabase.Providers();

    [GlobalSetup]
    public void Setup()
    {
        _database = UsageIngestDatabase.Create(Provider, BatchSize);
        _stored = _database.NewBatch();
        Ingest(_stored);
    }

    [GlobalCleanup]
    public void Cleanup() => _database.Dispose();

    [Benchmark(Description = "build the batch only")]
    public int BuildBatch() => _database.NewBatch().Records.Count;

    [Benchmark(Baseline = true, Description = "ingest new records")]
    public int IngestNew() => Ingest(_database.NewBatch());

    [Benchmark(Description = "ingest a redelivery (all stored)")]
    public int IngestRedelivery() => Ingest(_stored);

    private int Ingest(UsageBatchReported batch) => _database.Ingest(Ingestor, batch).GetAwaiter().GetResult().Stored;
}
