using Switchyard.Shared.Http;
using System.Globalization;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Providers.Upstream;

/// <summary>One upstream call: the response (headers received, body not yet read), or the transport error.</summary>
public sealed class UpstreamExchange : IAsyncDisposable
{
    /// <summary>Error bodies are read up to this size.</summary>
    public const int MaxErrorBodyBytes = 64 * 1024;

    private readonly CancellationTokenSource? _timeout;
    private readonly TimeSpan _idle;
    private readonly UpstreamDeadline? _deadline;

    internal UpstreamExchange(HttpResponseMessage response, CancellationTokenSource timeout, TimeSpan idle, UpstreamDeadline? deadline)
    {
        Response = response;
        _timeout = timeout;
        _idle = idle;
        _deadline = deadline;
    }

    internal UpstreamExchange(GatewayError error) => TransportError = error;

    /// <summary>Set when no response arrived (unreachable, timed out).</summary>
    public GatewayError? TransportError { get; }

    public HttpResponseMessage? Response { get; }

    public int Status => Response is null ? 0 : (int)Response.StatusCode;

    public bool IsSuccess => Response is { IsSuccessStatusCode: true };

    /// <summary>True once the activity timeout fired (reads then fail with <see cref="OperationCanceledException"/>).</summary>
    public bool TimedOut => _timeout is { IsCancellationRequested: true };

    /// <summary>Cancelled by the caller or the activity timeout; pass it to every read of the body.</summary>
    public CancellationToken Token => _timeout?.Token ?? CancellationToken.None;

    /// <summary>The response body; every read restarts the activity timeout (never past the route's deadline).</summary>
    public async Task<Stream> OpenBodyAsync()
    {
        var stream = await Response!.Content.ReadAsStreamAsync(Token);
        return new ActivityTimeoutStream(stream, _timeout!, _idle, _deadline);
    }

    /// <summary>Reads a (bounded) error body.</summary>
    public async Task<byte[]> ReadErrorBodyAsync()
    {
        try
        {
            return await BoundedBody.ReadPrefixAsync(Response!.Content, MaxErrorBodyBytes, Token);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException || (ex is OperationCanceledException && TimedOut))
        {
            return [];
        }
    }

    /// <summary>The upstream's retry hint in whole seconds (<c>retry-after-ms</c> or <c>retry-after</c>), or null.</summary>
    public string? RetryAfter() => Response is null ? null : RetryAfterOf(Response);

    /// <summary>A response's retry hint in whole seconds (<c>retry-after-ms</c> or <c>retry-after</c>), or null.</summary>
    public static string? RetryAfterOf(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("retry-after-ms", out var ms)
            && double.TryParse(ms.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds))
        {
            return Math.Max(1, (int)Math.Ceiling(milliseconds / 1000)).ToString(CultureInfo.InvariantCulture);
        }

        return response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => Math.Max(1, (int)Math.Ceiling(delta.TotalSeconds)).ToString(CultureInfo.InvariantCulture),
            { Date: { } date } => Math.Max(1, (int)Math.Ceiling((date - DateTimeOffset.UtcNow).TotalSeconds)).ToString(CultureInfo.InvariantCulture),
            _ => null,
        };
    }

    /// <summary>A response header's first value, or null.</summary>
    public string? Header(string name) =>
        Response is not null && (Response.Headers.TryGetValues(name, out var values) || Response.Content.Headers.TryGetValues(name, out values))
            ? values.FirstOrDefault()
            : null;

    public ValueTask DisposeAsync()
    {
        Response?.Dispose();
        _timeout?.Dispose();
        return ValueTask.CompletedTask;
    }
}
