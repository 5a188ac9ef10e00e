using System.Diagnostics.Metrics;
using Switchyard.Shared.Messages;

namespace Switchyard.ControlPlane.Infrastructure.Telemetry;

/// <summary>
/// The control plane's own metrics (meter <c>Switchyard.ControlPlane</c>): usage ingestion, config distribution (published
/// revisions, publish-to-apply time per node) and background job runs. Labels are fixed sets, node ids and job names: never
/// a tenant, key or user.
/// </summary>
public sealed class ControlPlaneMetrics
{
    public const string MeterName = "Switchyard.ControlPlane";

    private readonly TimeProvider _time;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _ingestLag;
    private readonly Counter<long> _records;
    private readonly Counter<long> _deadLettered;
    private readonly Counter<long> _published;
    private readonly Histogram<double> _applyDelay;
    private readonly Counter<long> _applyFailures;
    private readonly Counter<long> _jobRuns;
    private readonly Histogram<double> _jobDuration;

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
        _applyDelay = meter.CreateHistogram<double>("switchyard.config.apply.delay", "s",
            "Time from a config revision's creation (the admin change) to a node's report that it serves it, by node.");
        _applyFailures = meter.CreateCounter<long>("switchyard.config.apply.failures", "{report}",
            "Reports of a node that could not fetch or apply a revision, by node.");
        _jobRuns = meter.CreateCounter<long>("switchyard.jobs.runs", "{run}", "Background (Hangfire) job runs, by job and result (succeeded, failed).");
        _jobDuration = meter.CreateHistogram<double>("switchyard.jobs.duration", "s", "Duration of background (Hangfire) job runs, by job.");
    }

    /// <summary>A node reported a revision it now serves for the first time, created at <paramref name="createdAt"/>.</summary>
    public void RevisionApplied(string nodeId, DateTimeOffset createdAt, DateTimeOffset appliedAt) =>
        _applyDelay.Record(Math.Max(0, (appliedAt - createdAt).TotalSeconds), new KeyValuePair<string, object?>("switchyard.node", nodeId));

    /// <summary>A node reported that it could not fetch or apply a revision.</summary>
    public void RevisionApplyFailed(string nodeId) => _applyFailures.Add(1, new KeyValuePair<string, object?>("switchyard.node", nodeId));

    /// <summary>A background job ran (<paramref name="job"/> is its class name: a fixed set).</summary>
    public void JobRan(string job, bool succeeded, TimeSpan duration)
    {
        var name = new KeyValuePair<string, object?>("switchyard.job", job);
        _jobRuns.Add(1, name, new KeyValuePair<string, object?>("result", succeeded ? "succeeded" : "failed"));
        _jobDuration.Record(duration.TotalSeconds, name);
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
