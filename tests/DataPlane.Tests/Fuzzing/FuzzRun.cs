using System.Globalization;
using System.Text;

namespace Switchyard.DataPlane.Tests.Fuzzing;

/// <summary>
/// Runs a fuzz target for a fixed number of cases, each generated from its own deterministic seed, so every run of the
/// test command tries the same inputs and a failure names the one case to replay. Environment (all optional):
/// <c>SWITCHYARD_FUZZ_SEED</c> picks another run, <c>SWITCHYARD_FUZZ_SCALE</c> multiplies the case counts (longer local
/// runs), <c>SWITCHYARD_FUZZ_CASE</c> replays one case seed (as printed by a failure) and nothing else.
/// </summary>
internal static class FuzzRun
{
    public const int DefaultSeed = 20250701;

    /// <summary>Only a hang detector: a run of a few thousand cases takes seconds, so a run still going after this is stuck.</summary>
    private static readonly TimeSpan HangLimit = TimeSpan.FromMinutes(3);

    public static int Seed { get; } = EnvInt("SWITCHYARD_FUZZ_SEED") ?? DefaultSeed;

    public static int Scale { get; } = Math.Max(1, EnvInt("SWITCHYARD_FUZZ_SCALE") ?? 1);

    private static int? ReplayCase { get; } = EnvInt("SWITCHYARD_FUZZ_CASE");

    /// <summary>The seed of one case: a stable mix of the run seed, the target name and the case number.</summary>
    public static int CaseSeed(string target, int index)
    {
        var hash = 2166136261u;
        foreach (var c in target)
        {
            hash = (hash ^ c) * 16777619u;
        }

        var x = ((ulong)(uint)Seed << 32) ^ hash ^ ((ulong)(uint)index * 0x9E3779B97F4A7C15UL);
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return (int)((x ^ (x >> 31)) & 0x7FFFFFFF);
    }

    /// <summary>Runs <paramref name="cases"/> (times the scale) cases of a synchronous check.</summary>
    public static Task RunAsync<T>(string target, int cases, Func<Random, T> generate, Action<T> check, Func<T, string> describe,
        Func<T, IEnumerable<T>>? shrink = null) =>
        RunAsync(target, cases, generate, value =>
        {
            check(value);
            return Task.CompletedTask;
        }, describe, shrink);

    /// <summary>
    /// Runs the cases one after another. A check that throws fails the test with the case's seed, its recipe and input
    /// (shrunk first when <paramref name="shrink"/> proposes smaller inputs that fail the same way).
    /// </summary>
    public static async Task RunAsync<T>(string target, int cases, Func<Random, T> generate, Func<T, Task> check, Func<T, string> describe,
        Func<T, IEnumerable<T>>? shrink = null)
    {
        var current = new Current<T>();
        var loop = Task.Run(async () =>
        {
            var count = ReplayCase is null ? cases * Scale : 1;
            for (var i = 0; i < count; i++)
            {
                var seed = ReplayCase ?? CaseSeed(target, i);
                var value = generate(new Random(seed));
                current.Set(i, seed, value);
                Exception? failure = null;
                try
                {
                    await check(value);
                }
                catch (Exception ex)
                {
                    failure = ex;
                }

                if (failure is not null)
                {
                    var (smallest, smallestFailure) = shrink is null ? (value, failure) : await ShrinkAsync(value, failure, check, shrink);
                    throw new FuzzFailureException(Report(target, i, seed, value, describe, smallest, smallestFailure), smallestFailure);
                }
            }
        });

        try
        {
            await loop.WaitAsync(HangLimit);
        }
        catch (TimeoutException)
        {
            var (index, seed, value) = current.Get();
            throw new FuzzFailureException(
                $"Fuzz target '{target}' hung on case {index} (seed {seed}; replay with SWITCHYARD_FUZZ_CASE={seed}).\n"
                + (value is null ? "" : describe(value)), null);
        }
    }

    /// <summary>An input for a failure message: printable ASCII as is, everything else escaped; long inputs cut.</summary>
    public static string Render(ReadOnlySpan<byte> bytes, int max = 3000)
    {
        var sb = new StringBuilder(Math.Min(bytes.Length, max) + 16);
        sb.Append('"');
        foreach (var b in bytes[..Math.Min(bytes.Length, max)])
        {
            _ = b switch
            {
                (byte)'\n' => sb.Append("\\n"),
                (byte)'\r' => sb.Append("\\r"),
                (byte)'\t' => sb.Append("\\t"),
                (byte)'\\' => sb.Append("\\\\"),
                (byte)'"' => sb.Append("\\\""),
                >= 0x20 and < 0x7F => sb.Append((char)b),
                _ => sb.Append("\\x").Append(b.ToString("X2", CultureInfo.InvariantCulture)),
            };
        }

        sb.Append('"');
        if (bytes.Length > max)
        {
            sb.Append(CultureInfo.InvariantCulture, $" ... ({bytes.Length} bytes in all)");
        }

        return sb.ToString();
    }

    /// <summary>Smaller versions of a byte input: halves, then ever smaller pieces cut out.</summary>
    public static IEnumerable<byte[]> ShrinkBytes(byte[] input)
    {
        for (var size = input.Length / 2; size >= 1; size /= 2)
        {
            for (var start = 0; start + size <= input.Length; start += size)
            {
                yield return [.. input.AsSpan(0, start), .. input.AsSpan(start + size)];
            }
        }
    }

    private static async Task<(T Value, Exception Failure)> ShrinkAsync<T>(T value, Exception failure, Func<T, Task> check, Func<T, IEnumerable<T>> shrink)
    {
        var attempts = 0;
        var improved = true;
        while (improved && attempts < 2000)
        {
            improved = false;
            foreach (var candidate in shrink(value))
            {
                if (++attempts >= 2000)
                {
                    break;
                }

                try
                {
                    await check(candidate);
                }
                catch (Exception ex) when (ex.GetType() == failure.GetType())
                {
                    (value, failure, improved) = (candidate, ex, true);
                    break;
                }
                catch (Exception)
                {
                    // Fails differently: not the same bug.
                }
            }
        }

        return (value, failure);
    }

    private static string Report<T>(string target, int index, int seed, T original, Func<T, string> describe, T smallest, Exception failure)
    {
        var report = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Fuzz target '{target}' failed on case {index} of run seed {Seed} ")
            .Append(CultureInfo.InvariantCulture, $"(case seed {seed}; replay with SWITCHYARD_FUZZ_CASE={seed}).\n")
            .Append(CultureInfo.InvariantCulture, $"{failure.GetType().Name}: {failure.Message}\n")
            .Append("Case: ").Append(describe(original)).Append('\n');
        if (!EqualityComparer<T>.Default.Equals(original, smallest))
        {
            report.Append("Shrunk to: ").Append(describe(smallest)).Append('\n');
        }

        return report.ToString();
    }

    private static int? EnvInt(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>The case being checked, for the hang report.</summary>
    private sealed class Current<T>
    {
        private readonly Lock _lock = new();
        private (int Index, int Seed, T? Value) _case;

        public void Set(int index, int seed, T value)
        {
            lock (_lock)
            {
                _case = (index, seed, value);
            }
        }

        public (int Index, int Seed, T? Value) Get()
        {
            lock (_lock)
            {
                return _case;
            }
        }
    }
}
