using System.Text.Json;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Providers.Upstream;

/// <summary>Runs a provider's stream translation and turns failures after the start into the sink's error event.</summary>
public static class UpstreamStream
{
    /// <summary>
    /// Calls <paramref name="translate"/> with the upstream body. A timeout, a broken connection or unparseable data ends
    /// the caller's stream with an error event; the caller's own cancellation propagates.
    /// </summary>
    public static async Task<GatewayError?> RelayAsync(
        UpstreamExchange exchange,
        IChatStreamSink sink,
        Func<Stream, CancellationToken, Task> translate,
        CancellationToken cancellationToken)
    {
        GatewayError error;
        try
        {
            await using var body = await exchange.OpenBodyAsync();
            await translate(body, exchange.Token);
            return null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (exchange.TimedOut)
        {
            error = GatewayError.Timeout();
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            error = GatewayError.Upstream("The connection to the upstream provider was lost mid-stream.");
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or FormatException or InvalidOperationException)
        {
            // InvalidOperationException: System.Text.Json reading a string that is not valid UTF-8/UTF-16, or a value of
            // another kind than the translator expected (as UpstreamJson maps it for answers that are not streamed).
            error = GatewayError.Upstream("The upstream provider sent a stream the gateway could not read: " + ex.Message, "invalid_upstream_response");
        }

        await sink.ErrorAsync(error, cancellationToken);
        return null;
    }
}
