using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Switchyard.Shared.Egress;

namespace Switchyard.ControlPlane.Features.Budgets;

/// <summary>
/// Posts budget alerts to tenants' webhooks under the egress policy: it resolves the host itself and connects only to an
/// address <see cref="EgressPolicy.DenyReason"/> allows (public, or allowed by <c>Egress:*</c> or the platform's
/// allow-list, given per delivery), so a name resolving to a private address is refused like the address. No redirects.
/// </summary>
public sealed class BudgetWebhookClient : IDisposable
{
    private static readonly HttpRequestOptionsKey<EgressAllowList> Platform = new("switchyard.egress.platform");

    private readonly EgressAllowList _configured;
    private readonly HttpClient _client;

    public BudgetWebhookClient(IOptions<EgressOptions> egress, IOptions<BudgetsOptions> options)
    {
        _configured = egress.Value.ToAllowList();
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = ConnectAsync,
        };
        _client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(options.Value.WebhookTimeoutSeconds) };
    }

    /// <summary>Posts <paramref name="payload"/> as JSON; null when the webhook answered 2xx, otherwise why not.</summary>
    public async Task<string?> PostAsync(string url, object payload, EgressAllowList platform, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(payload) };
        request.Options.Set(Platform, platform);
        try
        {
            using var response = await _client.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (HttpRequestException ex)
        {
            return ex.InnerException is EgressRefusedException refused ? refused.Message : "unreachable: " + ex.Message;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "timed out";
        }
    }

    public void Dispose() => _client.Dispose();

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        context.InitialRequestMessage.Options.TryGetValue(Platform, out var platform);
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        var allowed = new List<IPAddress>();
        string? reason = null;
        foreach (var resolved in addresses)
        {
            var address = EgressAddressRules.Canonical(resolved);
            var denied = EgressPolicy.DenyReason(endpoint.Host, address, _configured, platform ?? EgressAllowList.Empty);
            if (denied is null)
            {
                allowed.Add(address);
            }
            else
            {
                reason ??= $"the egress policy refuses {address} ({denied})";
            }
        }

        if (allowed.Count == 0)
        {
            throw new EgressRefusedException(reason ?? $"{endpoint.Host} did not resolve");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed.ToArray(), endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private sealed class EgressRefusedException(string message) : IOException(message);
}
