using System.Text.Json;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Providers.Upstream;
using Switchyard.DataPlane.Streaming;

namespace Switchyard.DataPlane.Providers.OpenAICompatible;

/// <summary>One call to an OpenAI-compatible upstream: write the body into pooled memory, send, map failures, read JSON answers.</summary>
internal static class OpenAIUpstreamCall
{
    /// <summary>Posts the body that <paramref name="write"/> produces (given the body's <c>model</c>) to the operation's URL.</summary>
    public static Task<UpstreamExchange> SendAsync(
        UpstreamClient upstream, RuntimeDeployment deployment, string operation, Action<string?, PooledBufferWriter> write, CancellationToken cancellationToken)
    {
        var target = OpenAIUpstreamTarget.For(deployment, operation);
        var body = new PooledBufferWriter();
        try
        {
            write(target.BodyModel, body);
        }
        catch
        {
            body.Dispose();
            throw;
        }

        return upstream.SendAsync(target.CreateRequest(deployment, new PooledJsonContent(body)), cancellationToken);
    }

    /// <summary>The error when the upstream could not be reached or answered non-2xx (its body mapped); null on success.</summary>
    public static async Task<GatewayError?> FailureAsync(UpstreamExchange exchange)
    {
        if (exchange.TransportError is { } transport)
        {
            return transport;
        }

        return exchange.IsSuccess
            ? null
            : OpenAIErrorReader.FromResponse(exchange.Status, await exchange.ReadErrorBodyAsync(), exchange.RetryAfter());
    }

    /// <summary>Reads a successful JSON answer; an error object in a 2xx body becomes an error too.</summary>
    public static Task<ProviderResult<T>> ReadAsync<T>(UpstreamExchange exchange, Func<JsonElement, T> read, CancellationToken cancellationToken)
        where T : class =>
        UpstreamJson.ReadAsync<T>(exchange, root => OpenAIErrorReader.IsError(root) ? OpenAIErrorReader.FromErrorObject(root) : read(root), cancellationToken);
}
