using System.Text.Json;
using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Audit;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Streaming;
using Switchyard.DataPlane.Telemetry;
using Switchyard.ServiceDefaults.Files;
using Switchyard.Shared;
using Switchyard.Shared.Messages;

namespace Switchyard.DataPlane.Usage;

/// <summary>
/// Appends usage records (one JSON line each, normalised by <see cref="UsageRecordNormalizer"/>) to the open spool
/// segment, handing every write to the OS at once and fsyncing at least once a second; closes the segment every flush
/// interval (when non-empty) or at the size limit.
/// <para>
/// A disk error (full disk, I/O error) never escapes: the segment written so far is closed as it is (nothing already
/// spooled is lost), the records of the failed write are kept and written to a new segment on the next attempt, and
/// attempts back off from 1 s to 30 s. Meanwhile new records wait in the <see cref="UsageQueue"/> (bounded by its
/// capacity) and <see cref="UsageSpoolHealth"/> reports the failure on <c>/readyz</c>.
/// </para>
/// <para>
/// Stopping: the segment is flushed and closed in <see cref="StoppingAsync"/>, after the node drained its requests and
/// before the publisher sends it; records of requests that still finish while the server stops are written in
/// <see cref="StoppedAsync"/> and published at the next start.
/// </para>
/// </summary>
public sealed class UsageSpoolWriter(
    UsageQueue queue,
    DataPaths paths,
    IOptions<UsageSpoolOptions> options,
    TimeProvider time,
    ILogger<UsageSpoolWriter> logger,
    SpoolFileSystem? files = null,
    UsageSpoolHealth? health = null,
    AuditSpoolCipher? cipher = null)
    : BackgroundService, IHostedLifecycleService
{
    private static readonly TimeSpan FsyncInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MinBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private const int ChunkBytes = 1 << 20;

    private readonly UsageSpoolOptions _options = options.Value;
    private readonly SpoolFileSystem _files = files ?? new SpoolFileSystem();
    private readonly UsageSpoolHealth _health = health ?? new UsageSpoolHealth();
    private readonly Lock _gate = new();
    private readonly PooledBufferWriter _pending = new(64 * 1024);
    private Utf8JsonWriter? _writer;
    private System.Buffers.ArrayBufferWriter<byte>? _sealing;
    private readonly List<string> _unclosed = [];
    private int _pendingRecords;
    private Stream? _segment;
    private string? _segmentPath;
    private long _segmentLength;
    private long _lastFsync;
    private TimeSpan _backoff;
    private long? _retryAt;
    private bool _attemptFailed;

    /// <summary>Records taken from the queue whose write failed; they are written on the next attempt.</summary>
    public int PendingRecords
    {
        get
        {
            lock (_gate)
            {
                return _pendingRecords;
            }
        }
    }

    /// <summary>Closes segments left open by a crash or an unclean stop; a disk error here is retried like any other.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _attemptFailed = false;
            try
            {
                PrivateFiles.CreateDirectory(paths.SpoolDirectory);
                _unclosed.AddRange(SpoolSegment.ListOpen(paths.SpoolDirectory));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Failed("recover", ex);
            }

            RetryUnclosed();
            RecoverIfDone();
        }

        return base.StartAsync(cancellationToken);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The node has drained its requests: write what is queued and close the segment so it can be published.</summary>
    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        Flush();
        return Task.CompletedTask;
    }

    /// <summary>Not yet: the server may still be finishing requests. See <see cref="StoppedAsync"/>.</summary>
    public override Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>After every hosted service has stopped: write what is left and close the segment.</summary>
    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);

        // The loop has ended (or, on a very quick stop, never ran): whatever is still queued is written here.
        Flush();
        var lost = PendingRecords + queue.Count;
        if (lost > 0)
        {
            DataPlaneLog.SpoolRecordsLostAtStop(logger, lost);
        }
    }

    public override void Dispose()
    {
        lock (_gate)
        {
            CloseSegmentCore();
        }

        _writer?.Dispose();
        _pending.Dispose();
        base.Dispose();
    }

    /// <summary>Writes everything queued and closes the segment, whatever the backoff (one attempt).</summary>
    public void Flush()
    {
        lock (_gate)
        {
            _attemptFailed = false;
            WriteAvailableCore();
            CloseSegmentCore();
            RecoverIfDone();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(_options.FlushIntervalMs), time);
        Task<bool>? waitForRecords = null;
        Task<bool>? tick = null;
        try
        {
            while (true)
            {
                if (RetryDelay() is { } delay)
                {
                    // A disk error: records wait in the queue until the next attempt.
                    await Task.Delay(delay, time, stoppingToken);
                    Flush();
                    continue;
                }

                waitForRecords ??= queue.WaitToReadAsync(stoppingToken).AsTask();
                tick ??= timer.WaitForNextTickAsync(stoppingToken).AsTask();
                var completed = await Task.WhenAny(waitForRecords, tick);
                if (completed == waitForRecords)
                {
                    waitForRecords = null;
                    if (!await completed)
                    {
                        break;
                    }

                    WriteAvailable();
                }
                else
                {
                    tick = null;
                    await completed;
                    CloseSegment();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: drain below.
        }

        Flush();
    }

    /// <summary>Writes every queued record, then flushes to the OS (survives a process kill). Skipped while backing off.</summary>
    internal void WriteAvailable()
    {
        lock (_gate)
        {
            if (_retryAt is { } retryAt && time.GetTimestamp() < retryAt)
            {
                return;
            }

            _attemptFailed = false;
            WriteAvailableCore();
            RecoverIfDone();
        }
    }

    /// <summary>Closes the open segment (fsync + rename to closed) when it holds anything.</summary>
    internal void CloseSegment()
    {
        lock (_gate)
        {
            _attemptFailed = false;
            CloseSegmentCore();
            RecoverIfDone();
        }
    }

    private void WriteAvailableCore()
    {
        while (true)
        {
            while (_pending.WrittenCount < ChunkBytes && queue.TryRead(out var record))
            {
                Serialize(UsageRecordNormalizer.Normalize(record));
            }

            if (_pendingRecords == 0)
            {
                return;
            }

            try
            {
                if (_segment is null)
                {
                    OpenSegment();
                }

                _segment!.Write(_pending.WrittenSpan);
                _segmentLength += _pending.WrittenCount;
                _pending.Clear();
                _pendingRecords = 0;
                if (time.GetElapsedTime(_lastFsync) >= FsyncInterval)
                {
                    _files.FlushToDisk(_segment);
                    _lastFsync = time.GetTimestamp();
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The failed write's records stay pending; the segment keeps what was written before it.
                Failed(_segment is null ? "create" : "write", ex);
                if (_segment is not null)
                {
                    ReleaseSegment();
                }

                return;
            }

            if (_segmentLength >= _options.MaxSegmentBytes)
            {
                CloseSegmentCore();
            }
        }
    }

    private void CloseSegmentCore()
    {
        RetryUnclosed();
        if (_segment is null)
        {
            return;
        }

        try
        {
            _files.FlushToDisk(_segment);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Written to the OS already: readable, only not yet known to be on the disk.
            Failed("fsync", ex);
        }

        ReleaseSegment();
    }

    private void Serialize(UsageRecord record)
    {
        // One writer for the spool's single writing loop, reset onto the pending buffer for each record.
        var writer = _writer ??= new Utf8JsonWriter(_pending);
        if (record.Audit is { RequestBody: not null } or { ResponseBody: not null })
        {
            if (cipher is { CanSeal: true })
            {
                // Bodies never reach the disk in clear: the record's JSON is sealed into its line.
                var sealing = _sealing ??= new System.Buffers.ArrayBufferWriter<byte>();
                sealing.ResetWrittenCount();
                writer.Reset(sealing);
                JsonSerializer.Serialize(writer, record, SwitchyardJson.Options);
                writer.Flush();
                cipher.Seal(sealing.WrittenSpan, _pending);
                sealing.Clear();
                _pending.Write("\n"u8);
                _pendingRecords++;
                return;
            }

            record = record with { Audit = record.Audit with { RequestBody = null, ResponseBody = null } };
        }

        writer.Reset(_pending);
        JsonSerializer.Serialize(writer, record, SwitchyardJson.Options);
        writer.Flush();

        _pending.Write("\n"u8);
        _pendingRecords++;
    }

    private void OpenSegment()
    {
        PrivateFiles.CreateDirectory(paths.SpoolDirectory);
        var path = Path.Combine(paths.SpoolDirectory, Guid.CreateVersion7(time.GetUtcNow()).ToString("N") + SpoolSegment.OpenExtension);
        _segment = _files.CreateSegment(path);
        _segmentPath = path;
        _segmentLength = 0;
        _lastFsync = time.GetTimestamp();
    }

    /// <summary>
    /// Closes the segment file and renames it to closed (or deletes it when empty). A write that failed part-way may
    /// have left a torn last line: the file is cut back to its last whole record first (the reader would skip a torn
    /// line anyway). A rename that fails is retried with the next write.
    /// </summary>
    private void ReleaseSegment()
    {
        var segment = _segment;
        var path = _segmentPath!;
        _segment = null;
        _segmentPath = null;
        try
        {
            if (segment!.CanSeek && segment.Length > _segmentLength)
            {
                segment.SetLength(_segmentLength);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Failed("truncate", ex);
        }
        finally
        {
            DisposeQuietly(segment!);
        }

        _unclosed.Add(path);
        RetryUnclosed();
    }

    private void RetryUnclosed()
    {
        for (var i = _unclosed.Count - 1; i >= 0; i--)
        {
            var path = _unclosed[i];
            try
            {
                if (!File.Exists(path))
                {
                    // Removed by hand: nothing to close.
                }
                else if (new FileInfo(path).Length == 0)
                {
                    _files.Delete(path);
                }
                else
                {
                    _files.Move(path, Path.ChangeExtension(path, SpoolSegment.ClosedExtension));
                }

                _unclosed.RemoveAt(i);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Failed("close", ex);
            }
        }
    }

    private void DisposeQuietly(Stream segment)
    {
        try
        {
            segment.Dispose();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Failed("close", ex);
        }
    }

    /// <summary>Reports a failed disk operation; the first failure of an attempt schedules the next one (backing off).</summary>
    private void Failed(string operation, Exception exception)
    {
        var now = time.GetTimestamp();
        if (_retryAt is not { } retryAt || now >= retryAt)
        {
            _backoff = _retryAt is null ? MinBackoff : TimeSpan.FromTicks(Math.Min(_backoff.Ticks * 2, MaxBackoff.Ticks));
            _retryAt = now + (long)(_backoff.TotalSeconds * time.TimestampFrequency);
        }

        _attemptFailed = true;
        _health.Fail(operation, exception, time.GetUtcNow());
        DataPlaneLog.SpoolWriteFailed(logger, operation, exception.GetType().Name, exception.Message, _pendingRecords + queue.Count, _backoff.TotalSeconds);
    }

    /// <summary>After an attempt without a failure that left nothing behind: the spool is healthy (again).</summary>
    private void RecoverIfDone()
    {
        if (_attemptFailed || _pendingRecords > 0 || _unclosed.Count > 0)
        {
            return;
        }

        _retryAt = null;
        _backoff = TimeSpan.Zero;
        if (_health.Recover() is { } failure)
        {
            DataPlaneLog.SpoolRecovered(logger, failure.Count, (time.GetUtcNow() - failure.Since).TotalSeconds);
        }
    }

    /// <summary>How long to wait before the next attempt after a disk error, or null when not backing off.</summary>
    private TimeSpan? RetryDelay()
    {
        lock (_gate)
        {
            if (_retryAt is not { } retryAt)
            {
                return null;
            }

            var remaining = retryAt - time.GetTimestamp();
            return remaining > 0 ? TimeSpan.FromSeconds((double)remaining / time.TimestampFrequency) : TimeSpan.Zero;
        }
    }
}
