using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Features.Egress;
using Switchyard.Shared.Egress;

namespace Switchyard.ControlPlane.Features.Budgets;

/// <summary>
/// Posts budget alerts to tenants' webhooks under the egress policy (<see cref="EgressConnector"/>; the platform's
/// allow-list is given per delivery). No redirects.
/// </summary>
public sealed class BudgetWebhookClient : IDisposable
{
    private static readonly HttpRequestOptionsKey<EgressAllowList> Platform = new("switchyard.egress.platform");

    private readonly EgressAllowList _configured;
    private readonly HttpClient _client;

    public BudgetWebhookClient(IOptions<EgressOptions> egress, IOptions<BudgetsOptions> options)
    {
        _configured = egress.Value.ToAllowList();
        _client = new HttpClient(EgressConnector.CreateHandler(ConnectAsync)) { Timeout = TimeSpan.FromSeconds(options.Value.WebhookTimeoutSeconds) };
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

    private ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        context.InitialRequestMessage.Options.TryGetValue(Platform, out var platform);
        return EgressConnector.ConnectAsync(context.DnsEndPoint, _configured, platform ?? EgressAllowList.Empty, cancellationToken);
    }
}
