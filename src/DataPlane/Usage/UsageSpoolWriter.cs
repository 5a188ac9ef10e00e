using System.Text.Json;
using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Streaming;
using Switchyard.DataPlane.Telemetry;
using Switchyard.ServiceDefaults.Files;
using Switchyard.Shared;
using Switchyard.Shared.Messages;

namespace Switchyard.DataPlane.Usage;

/// <summary>
/// Appends usage records (one JSON line each) to the open spool segment, handing every write to the OS at once and
/// fsyncing at least once a second; closes the segment every flush interval (when non-empty) or at the size limit.
/// It keeps writing until the host has stopped every hosted service, the web server included, so records of requests
/// that finish while the server drains are spooled too.
/// </summary>
public sealed class UsageSpoolWriter(UsageQueue queue, DataPaths paths, IOptions<DataPlaneOptions> options, TimeProvider time, ILogger<UsageSpoolWriter> logger)
    : BackgroundService, IHostedLifecycleService
{
    private static readonly TimeSpan FsyncInterval = TimeSpan.FromSeconds(1);
    private readonly UsageSpoolOptions _options = options.Value.Usage;
    private readonly PooledBufferWriter _line = new(2048);
    private FileStream? _segment;
    private string? _segmentPath;
    private long _lastFsync;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        PrivateFiles.CreateDirectory(paths.SpoolDirectory);
        SpoolSegment.RecoverOpen(paths.SpoolDirectory);
        return base.StartAsync(cancellationToken);
    }

    /// <summary>Not yet: the server may still be finishing requests. See <see cref="StoppedAsync"/>.</summary>
    public override Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>After every hosted service has stopped: write what is left and close the segment.</summary>
    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);

        // The loop has ended (or, on a very quick stop, never ran): whatever is still queued is written here.
        WriteAvailable();
        CloseSegment();
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Dispose()
    {
        CloseSegment();
        _line.Dispose();
        base.Dispose();
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

        WriteAvailable();
        CloseSegment();
    }

    /// <summary>Writes every queued record, then flushes to the OS (survives a process kill).</summary>
    internal void WriteAvailable()
    {
        var wrote = false;
        while (queue.TryRead(out var record))
        {
            try
            {
                Append(record);
                wrote = true;
            }
            catch (IOException ex)
            {
                DataPlaneLog.SpoolWriteFailed(logger, ex.GetType().Name, ex.Message);
                CloseSegment();
            }
        }

        if (wrote && _segment is not null)
        {
            var fsync = time.GetElapsedTime(_lastFsync) >= FsyncInterval;
            _segment.Flush(flushToDisk: fsync);
            if (fsync)
            {
                _lastFsync = time.GetTimestamp();
            }

            if (_segment.Length >= _options.MaxSegmentBytes)
            {
                CloseSegment();
            }
        }
    }

    /// <summary>Closes the open segment (fsync + rename to closed) when it holds anything.</summary>
    internal void CloseSegment()
    {
        if (_segment is null || _segmentPath is null)
        {
            return;
        }

        var path = _segmentPath;
        _segment.Flush(flushToDisk: true);
        var empty = _segment.Length == 0;
        _segment.Dispose();
        _segment = null;
        _segmentPath = null;
        if (empty)
        {
            File.Delete(path);
        }
        else
        {
            File.Move(path, Path.ChangeExtension(path, SpoolSegment.ClosedExtension));
        }
    }

    private void Append(UsageRecord record)
    {
        if (_segment is null)
        {
            PrivateFiles.CreateDirectory(paths.SpoolDirectory);
            _segmentPath = Path.Combine(paths.SpoolDirectory, Guid.CreateVersion7(time.GetUtcNow()).ToString("N") + SpoolSegment.OpenExtension);
            _segment = PrivateFiles.OpenWrite(_segmentPath, FileMode.CreateNew, FileShare.Read, 64 * 1024);
            _lastFsync = time.GetTimestamp();
        }

        _line.Clear();
        using (var writer = new Utf8JsonWriter(_line))
        {
            JsonSerializer.Serialize(writer, record, SwitchyardJson.Options);
        }

        _line.Write("\n"u8);
        _segment.Write(_line.WrittenSpan);
    }
}
