using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Switchyard.Host.Tests;

/// <summary>The README's first command starts without a warning: a new user reads warnings as something being wrong.</summary>
public sealed class AllInOneHostStartupLogTests
{
    [Fact]
    public async Task Start_UntilGatewayReady_LogsNoWarning()
    {
        var log = new WarningLog();

        await using (await AllInOneHostProcess.StartAsync(builder => builder.Logging.AddProvider(log)))
        {
            // The health check service logs each "not ready" answer to the test's own /readyz polling; anything else counts.
            var warnings = log.Entries.Where(e => !e.StartsWith("Microsoft.Extensions.Diagnostics.HealthChecks.", StringComparison.Ordinal)).ToList();
            Assert.True(warnings.Count == 0, string.Join("\n", warnings));
        }
    }
}
