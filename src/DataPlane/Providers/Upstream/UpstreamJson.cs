using System.Text.Json;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Providers.Upstream;

/// <summary>Reads a provider's successful JSON answer; the counterpart of <see cref="UpstreamStream"/> for non-streamed calls.</summary>
public static class UpstreamJson
{
    /// <summary>
    /// Parses the body and hands its root to <paramref name="read"/>. A timeout, a broken connection or an answer that
    /// is not the JSON the reader expects become errors; only the caller's own cancellation propagates.
    /// </summary>
    public static async Task<ProviderResult<T>> ReadAsync<T>(
        UpstreamExchange exchange, Func<JsonElement, ProviderResult<T>> read, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            await using var body = await exchange.OpenBodyAsync();
            using var document = await JsonDocument.ParseAsync(body, default, exchange.Token);
            return read(document.RootElement);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (exchange.TimedOut)
        {
            return GatewayError.Timeout();
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return GatewayError.Upstream("The connection to the upstream provider was lost before the answer was complete.");
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return GatewayError.Upstream("The upstream provider sent an answer the gateway could not read: " + ex.Message, "invalid_upstream_response");
        }
    }
}
