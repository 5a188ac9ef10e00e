using System.ComponentModel.DataAnnotations;

namespace Switchyard.ServiceDefaults.Telemetry;

/// <summary>
/// Metrics, traces and logs of a Switchyard process (<c>Telemetry:*</c>). OTLP export is configured by the standard
/// <c>OTEL_EXPORTER_OTLP_*</c> variables, not here.
/// </summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>Collect metrics and serve <c>/metrics</c> (off: no meter is listened to; for measuring their cost).</summary>
    public bool Metrics { get; set; } = true;

    /// <summary>
    /// Serve <c>/metrics</c> on this port only (the process listens on it too). Unset: on the process's own port(s) —
    /// for a data-plane node, the gateway port.
    /// </summary>
    [Range(1, 65535)]
    public int? MetricsPort { get; set; }

    /// <summary>When set, <c>/metrics</c> answers 401 unless the scraper sends <c>Authorization: Bearer &lt;token&gt;</c>.</summary>
    [MinLength(16)]
    public string? ScrapeToken { get; set; }

    /// <summary>
    /// Also export ASP.NET Core's, Kestrel's and HttpClient's own metrics (<c>http.server.request.duration</c>,
    /// <c>http.client.request.duration</c>, connections). Off by default: on a node they add tens of microseconds of CPU
    /// per request and repeat the gateway's own metrics.
    /// </summary>
    public bool FrameworkMetrics { get; set; }

    /// <summary>Add a <c>switchyard.tenant</c> label to the gateway's request metrics (one series per tenant: off by default).</summary>
    public bool TenantLabels { get; set; }

    /// <summary>
    /// Trace requests (a span per request, a child span per upstream attempt, W3C trace context from callers, the trace id
    /// in <c>x-switchyard-trace-id</c>). Unset: on exactly when an OTLP endpoint is configured (traces with nowhere to go
    /// only cost CPU).
    /// </summary>
    public bool? Tracing { get; set; }

    /// <summary>Share of new traces recorded (0..1) when tracing is on; a caller's sampled flag wins (parent-based).</summary>
    [Range(0.0, 1.0)]
    public double TracingSamplingRatio { get; set; } = 1.0;

    /// <summary>Write console logs as JSON (one object per line, with scopes: trace and span ids).</summary>
    public bool JsonLogs { get; set; }

    /// <summary>True when an <c>OTEL_EXPORTER_OTLP_*ENDPOINT</c> setting names a collector.</summary>
    public static bool OtlpConfigured(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])
        || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"])
        || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"])
        || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_LOGS_ENDPOINT"]);

    /// <summary>Whether requests are traced, the default applied.</summary>
    public bool TracingEnabled(Microsoft.Extensions.Configuration.IConfiguration configuration) => Tracing ?? OtlpConfigured(configuration);
}
