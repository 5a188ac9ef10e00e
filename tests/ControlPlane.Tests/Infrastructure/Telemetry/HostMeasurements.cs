using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Switchyard.ControlPlane.Tests.Infrastructure.Telemetry;

/// <summary>
/// Every measurement of one test host's own meters (those its <see cref="IMeterFactory"/> created). A scrape cannot be
/// relied on for exact values while other hosts of the test process come and go: OpenTelemetry merges same-named
/// instruments of all hosts into one stream and drops it when one of those hosts disposes its meters.
/// </summary>
public sealed class HostMeasurements : IDisposable
{
    private readonly MeterListener _listener = new();

    public HostMeasurements(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Record(i, value, tags));
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Record(i, value, tags));
        _listener.SetMeasurementEventCallback<int>((i, value, tags, _) => Record(i, value, tags));
        _listener.Start();
    }

    public ConcurrentQueue<(string Instrument, double Value, Dictionary<string, string?> Tags)> All { get; } = new();

    /// <summary>The values recorded on <paramref name="instrument"/> with tag <paramref name="tag"/> = <paramref name="value"/>.</summary>
    public IReadOnlyList<double> Of(string instrument, string tag, string value) =>
        [.. All.Where(m => m.Instrument == instrument && m.Tags.GetValueOrDefault(tag) == value).Select(m => m.Value)];

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, string?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value?.ToString();
        }

        All.Enqueue((instrument.Name, value, copy));
    }
}
