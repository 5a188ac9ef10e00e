using System.Text.Json;
using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Telemetry;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Limits;

/// <summary>
/// With the in-process store the budget counters live in the node's memory, so a restarted node would start every budget
/// period from zero. At start and every <see cref="RateLimitingOptions.SpendSyncSeconds"/> this raises each budget
/// level's counter to the control plane's ledger (never lowers it: the local count also holds reservations in flight and
/// spend not yet ingested) — the in-process counterpart of the control plane's Redis reconciliation. While the control
/// plane is unreachable the counters keep their values.
/// </summary>
public sealed class InProcessSpendSync(
    SnapshotFetcher controlPlane, LimitCells cells, IOptions<RateLimitingOptions> options, TimeProvider time, ILogger<InProcessSpendSync> logger,
    IHostApplicationLifetime? lifetime = null)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await HostStarted.WaitAsync(lifetime, stoppingToken);
        var every = TimeSpan.FromSeconds(options.Value.SpendSyncSeconds);
        var untilFirst = TimeSpan.FromSeconds(Math.Min(2, options.Value.SpendSyncSeconds)); // the control plane may still be starting
        var synced = false;
        while (true)
        {
            synced |= await SyncAsync(stoppingToken) is not null;
            await Task.Delay(synced ? every : untilFirst, time, stoppingToken);
        }
    }

    /// <summary>One pass; the number of counters raised, or null when the control plane did not answer.</summary>
    public async Task<int?> SyncAsync(CancellationToken cancellationToken)
    {
        try
        {
            return Apply(cells, await controlPlane.GetBudgetSpendAsync(cancellationToken));
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            DataPlaneLog.BudgetSpendSyncFailed(logger, ex.GetType().Name, ex.Message);
            return null;
        }
    }

    /// <summary>Raises each level's counter of the entry's period to the entry's spend; the number raised.</summary>
    public static int Apply(LimitCells cells, IEnumerable<BudgetSpendEntry> entries)
    {
        var raised = 0;
        foreach (var entry in entries)
        {
            if (Enum.TryParse<LimitScope>(entry.Scope, ignoreCase: true, out var scope)
                && cells.Get(scope, entry.OwnerId, "").RaiseSpend(entry.PeriodKey, entry.SpentMicros))
            {
                raised++;
            }
        }

        return raised;
    }
}
