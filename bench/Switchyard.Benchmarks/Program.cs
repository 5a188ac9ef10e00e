using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Switchyard.Benchmarks;

public static class Program
{
    /// <summary>
    /// Runs the selected benchmarks in-process (the assembly is named Switchyard.DataPlane.Benchmarks to see the data
    /// plane's internals, which BenchmarkDotNet's out-of-process toolchain cannot map back to this .csproj).
    /// Without <c>--job</c> every benchmark uses the short job (3 warm-up + 3 measured iterations) so the whole suite
    /// takes a few minutes on 2 cores; pass e.g. <c>--job default</c> for tighter confidence intervals.
    /// Results land in bench/Switchyard.Benchmarks/BenchmarkDotNet.Artifacts.
    /// <c>guard-ttft</c> prints how many streamed tokens the output guard holds back before its first release.
    /// <c>stream-rules-cpu</c> prints the CPU time per stream of <see cref="StreamRuleBenchmarks"/>' cases.
    /// <c>ingest-cpu …</c> runs <see cref="UsageIngestCpu"/> instead (CPU time per ingested usage record).
    /// </summary>
    public static void Main(string[] args)
    {
        if (args is ["guard-ttft", ..])
        {
            GuardStageBenchmarks.PrintFirstRelease();
            return;
        }

        if (args is ["stream-rules-cpu", ..])
        {
            StreamRuleBenchmarks.PrintCpu();
            return;
        }

        if (args is ["ingest-cpu", ..])
        {
            UsageIngestCpu.Run(args);
            return;
        }

        var explicitJob = args.Any(a => a is "--job" or "-j" || a.StartsWith("--job=", StringComparison.Ordinal));
        var artifacts = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "BenchmarkDotNet.Artifacts"));
        IConfig config = DefaultConfig.Instance.WithArtifactsPath(artifacts);
        if (explicitJob)
        {
            if (!args.Contains("--inProcess", StringComparer.OrdinalIgnoreCase))
            {
                args = [.. args, "--inProcess"];
            }
        }
        else
        {
            config = config.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
    }
}
