using System.Diagnostics.Metrics;
using Switchyard.Shared.Messages;

namespace Switchyard.ControlPlane.Infrastructure.Telemetry;

/// <summary>The control plane's own metrics (meter <c>Switchyard.ControlPlane</c>): usage ingestion and config distribution.</summary>
public sealed class ControlPlaneMetrics
{
    public const string MeterName = "Switchyard.ControlPlane";

    private readonly TimeProvider _time;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _ingestLag;
    private readonly Counter<long> _records;
    private readonly Counter<long> _deadLettered;
    private readonly Counter<long> _published;

    public ControlPlaneMetrics(IMeterFactory meters, TimeProvider time)
    {
        _time = time;
        var meter = meters.Create(MeterName);
        _batchSize = meter.CreateHistogram<int>("switchyard.usage.ingest.batch.size", "{record}", "Records per usage batch received from the nodes.");
        _ingestLag = meter.CreateHistogram<double>("switchyard.usage.ingest.lag", "s", "Time from a batch's oldest record to its ingestion.");
        _records = meter.CreateCounter<long>("switchyard.usage.ingest.records", "{record}",
            "Usage records ingested, by result: stored, duplicate (already stored), quarantined (could not be stored).");
        _deadLettered = meter.CreateCounter<long>("switchyard.usage.ingest.dead_lettered", "{batch}", "Usage batches that failed as a whole and were dead-lettered.");
        _published = meter.CreateCounter<long>("switchyard.config.published", "{revision}", "Config revisions announced to the nodes.");
    }

    /// <summary>A node's batch was ingested (stored, already stored or quarantined record by record).</summary>
    public void BatchIngested(UsageBatchReported batch, int stored, int duplicates, int quarantined)
    {
        _batchSize.Record(batch.Records.Count);
        if (batch.Records.Count > 0)
        {
            var oldest = batch.Records.Min(r => r.Timestamp);
            _ingestLag.Record(Math.Max(0, (_time.GetUtcNow() - oldest).TotalSeconds));
        }

        Count("stored", stored);
        Count("duplicate", duplicates);
        Count("quarantined", quarantined);
    }

    public void BatchDeadLettered() => _deadLettered.Add(1);

    public void RevisionPublished() => _published.Add(1);

    private void Count(string result, int count)
    {
        if (count > 0)
        {
            _records.Add(count, new KeyValuePair<string, object?>("result", result));
        }
    }
}
