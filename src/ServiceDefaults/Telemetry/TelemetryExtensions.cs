using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Switchyard.ServiceDefaults.Routing;

namespace Switchyard.ServiceDefaults.Telemetry;

/// <summary>
/// OpenTelemetry for every Switchyard process: metrics (Switchyard's meters, ASP.NET Core, HttpClient, runtime) served as
/// Prometheus text at <c>/metrics</c>; traces when <see cref="TelemetryOptions.Tracing"/> is on; OTLP export of all three
/// signals when the standard <c>OTEL_EXPORTER_OTLP_*</c> variables name a collector; JSON console logs on request.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>Switchyard's meters and activity sources all start with this.</summary>
    public const string Prefix = "Switchyard.";

    public const string MetricsPath = "/metrics";

    // Latencies of LLM calls: milliseconds (a cached or refused answer) to minutes (a long generation).
    private static readonly double[] LatencySeconds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 40, 80, 160, 320, 600];
    private static readonly double[] PerTokenSeconds = [0.001, 0.0025, 0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 1, 2.5];
    private static readonly double[] Tokens = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304];

    public static WebApplicationBuilder AddSwitchyardTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetryOptions>()
            .BindConfiguration(TelemetryOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = TelemetryOptions.OtlpConfigured(builder.Configuration);

        if (options.JsonLogs)
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            });
        }

        if (options is { Metrics: true, MetricsPort: { } port and >= 1 and <= 65535 })
        {
            builder.Services.AddLocalPortRouting();
            builder.WebHost.UseUrls([.. CurrentUrls(builder.WebHost), MetricsUrl(CurrentUrls(builder.WebHost), port)]);
        }

        var telemetry = builder.Services.AddOpenTelemetry();
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"]))
        {
            telemetry.ConfigureResource(r => r.AddService(builder.Environment.ApplicationName));
        }

        if (options.Metrics)
        {
            telemetry.WithMetrics(metrics =>
            {
                metrics.AddMeter(Prefix + "*").AddRuntimeInstrumentation().AddView(Buckets).AddPrometheusExporter();
                if (options.FrameworkMetrics)
                {
                    // ASP.NET Core's, Kestrel's and HttpClient's own request metrics: on a gateway node they cost about as
                    // much CPU as the rest of the request path's bookkeeping together, and repeat what the gateway's
                    // metrics say (measured in bench/README.md), so they are opt-in.
                    metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                }
            });
        }

        if (options.TracingEnabled(builder.Configuration))
        {
            // The ASP.NET Core span of a gateway request is its server span (the gateway adds the GenAI attributes to it); its
            // upstream attempts are child spans, and the HttpClient spans theirs. Scrapes and probes are not traced.
            telemetry.WithTracing(tracing => tracing
                .AddSource(Prefix + "*")
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsPlumbing(http.Request.Path))
                .AddHttpClientInstrumentation()
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.TracingSamplingRatio))));
        }

        if (otlp)
        {
            builder.Logging.AddOpenTelemetry(o =>
            {
                o.IncludeScopes = true;
                o.IncludeFormattedMessage = true;
            });
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>
    /// Maps <c>/metrics</c> once per application (anonymous; behind <see cref="TelemetryOptions.ScrapeToken"/> when set; only
    /// on <see cref="TelemetryOptions.MetricsPort"/> when set — and then that port serves nothing but the scrape and the
    /// health probes: a port opened to a monitoring network must not reach the gateway or the admin API).
    /// </summary>
    public static WebApplication MapSwitchyardMetrics(this WebApplication app) =>
        app.UseOnce("Metrics", a =>
        {
            var options = a.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TelemetryOptions>>().Value;
            if (!options.Metrics)
            {
                return;
            }

            if (options.MetricsPort is { } metricsPort)
            {
                a.Use(next => http => http.Connection.LocalPort == metricsPort && !IsPlumbing(http.Request.Path) ? NotFound(http) : next(http));
            }

            var endpoint = a.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null, configureBranchedPipeline: branch =>
            {
                if (options.ScrapeToken is { Length: > 0 } token)
                {
                    var expected = Encoding.UTF8.GetBytes("Bearer " + token);
                    branch.Use(next => http => Authorized(http, expected) ? next(http) : Unauthorized(http));
                }
            }, optionsName: null).AllowAnonymous();
            if (options.MetricsPort is { } port)
            {
                endpoint.RequireLocalPort(port);
            }
        });

    private static bool Authorized(HttpContext http, byte[] expected)
    {
        var header = http.Request.Headers.Authorization.ToString();
        var actual = Encoding.UTF8.GetBytes(header);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static Task Unauthorized(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }

    private static Task NotFound(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private static bool IsPlumbing(PathString path) =>
        path.StartsWithSegments(MetricsPath) || path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz");

    /// <summary>The histogram buckets of Switchyard's histograms (a view: LLM latencies, per-token times, token counts).</summary>
    public static MetricStreamConfiguration? Buckets(System.Diagnostics.Metrics.Instrument instrument)
    {
        if (!instrument.Meter.Name.StartsWith(Prefix, StringComparison.Ordinal)
            || instrument is not (System.Diagnostics.Metrics.Histogram<double> or System.Diagnostics.Metrics.Histogram<long>))
        {
            return null;
        }

        var boundaries = instrument.Name == "gen_ai.server.time_per_output_token" ? PerTokenSeconds
            : instrument.Unit == "s" ? LatencySeconds
            : instrument.Unit == "{token}" ? Tokens
            : null;
        return boundaries is null ? null : new ExplicitBucketHistogramConfiguration { Boundaries = boundaries };
    }

    /// <summary>The URLs the process listens on (settings <c>urls</c>, else <c>http_ports</c>, else Kestrel's default).</summary>
    private static string[] CurrentUrls(IWebHostBuilder host)
    {
        if (host.GetSetting(WebHostDefaults.ServerUrlsKey) is { Length: > 0 } urls)
        {
            return urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        if (host.GetSetting(WebHostDefaults.HttpPortsKey) is { Length: > 0 } ports)
        {
            return [.. ports.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => "http://*:" + p)];
        }

        return ["http://localhost:5000"];
    }

    /// <summary>The metrics listener: the host of the process's first URL (a loopback-only node stays on loopback), on <paramref name="port"/>.</summary>
    private static string MetricsUrl(string[] urls, int port)
    {
        var first = urls[0];
        var start = first.IndexOf("://", StringComparison.Ordinal);
        var rest = (start < 0 ? first : first[(start + 3)..]).TrimEnd('/');
        var colon = rest.LastIndexOf(':');
        var host = colon > 0 && !rest.EndsWith(']') ? rest[..colon] : rest;
        return $"http://{host}:{port}";
    }
}
