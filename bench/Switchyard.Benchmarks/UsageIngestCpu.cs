using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Switchyard.Benchmarks;

/// <summary>
/// CPU time per ingested usage record, <see cref="EfCoreUsageIngestor"/> (before) and
/// <see cref="ControlPlane.Features.Usage.UsageIngestor"/> (after) in interleaved rounds, medians reported. On a shared
/// machine CPU time is steadier than BenchmarkDotNet's wall time, and it is what the all-in-one host pays per request.
/// <code>
/// dotnet run -c Release --project bench/Switchyard.Benchmarks -- ingest-cpu [Sqlite|Postgres] [rounds] [batch sizes, e.g. 100,1000]
/// </code>
/// Every (ingestor, batch size) pair ingests about 20,000 records per round into the same database.
/// Thread CPU is the calling thread's (SQLite's async methods run synchronously, so on SQLite that is the ingestion);
/// process CPU adds the runtime's background threads (GC, JIT) and, on PostgreSQL, the thread-pool threads that finish
/// the I/O. PostgreSQL's own CPU is not counted.
/// </summary>
public static class UsageIngestCpu
{
    private const int RecordsPerRound = 20_000;
    private static readonly string[] Ingestors = ["EfCore", "OnConflict"];

    public static void Run(string[] args)
    {
        var provider = args.Length > 1 ? args[1] : "Sqlite";
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
        var sizes = (args.Length > 3 ? args[3] : "1000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var variants = sizes.SelectMany(size => Ingestors.Select(ingestor => (Ingestor: ingestor, Size: size))).ToArray();
        var samples = variants.ToDictionary(v => v, _ => new List<(double Thread, double Process, double Wall)>());

        using var database = UsageIngestDatabase.Create(provider, sizes.Max());
        Console.WriteLine($"{provider}, batches of {string.Join(", ", sizes)}, ~{RecordsPerRound:N0} records per variant and round, {rounds} rounds after one warm-up round");
        for (var round = 0; round <= rounds; round++)
        {
            foreach (var (ingestor, size) in variants)
            {
                var batches = Math.Max(1, RecordsPerRound / size);
                var records = (double)batches * size;
                var list = Enumerable.Range(0, batches).Select(_ => database.NewBatch(size)).ToList();
                GC.Collect();
                var thread = ThreadCpu();
                var process = Process.GetCurrentProcess().TotalProcessorTime;
                var wall = Stopwatch.StartNew();
                foreach (var batch in list)
                {
                    database.Ingest(ingestor, batch).GetAwaiter().GetResult();
                }

                var sample = (
                    (ThreadCpu() - thread).TotalMicroseconds / records,
                    (Process.GetCurrentProcess().TotalProcessorTime - process).TotalMicroseconds / records,
                    wall.Elapsed.TotalMicroseconds / records);
                Console.WriteLine($"round {round} {ingestor,-10} batch {size,5}: thread CPU {sample.Item1,7:F2} µs/record, process CPU {sample.Item2,7:F2}, wall {sample.Item3,7:F2}");
                if (round > 0)
                {
                    samples[(ingestor, size)].Add(sample);
                }
            }
        }

        foreach (var ((ingestor, size), list) in samples)
        {
            Console.WriteLine($"median {ingestor,-10} batch {size,5}: thread CPU {Median(list.Select(s => s.Thread)),7:F2} µs/record, "
                              + $"process CPU {Median(list.Select(s => s.Process)),7:F2}, wall {Median(list.Select(s => s.Wall)),7:F2}");
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>CPU time of the calling thread (CLOCK_THREAD_CPUTIME_ID; Linux).</summary>
    private static TimeSpan ThreadCpu()
    {
        if (ClockGetTime(3, out var time) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed.");
        }

        return TimeSpan.FromTicks(time.Seconds * TimeSpan.TicksPerSecond + time.Nanoseconds / 100);
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
