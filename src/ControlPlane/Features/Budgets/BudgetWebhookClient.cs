using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Features.Egress;
using Switchyard.Shared.Egress;

namespace Switchyard.ControlPlane.Features.Budgets;

/// <summary>
/// Posts budget alerts to tenants' webhooks under the egress policy (<see cref="ControlPlaneEgress"/>: public addresses, or
/// those allowed by <c>Egress:*</c> or the platform's allow-list, given per delivery). No redirects.
/// </summary>
public sealed class BudgetWebhookClient : IDisposable
{
    private readonly EgressAllowList _configured;
    private readonly HttpClient _client;

    public BudgetWebhookClient(IOptions<EgressOptions> egress, IOptions<BudgetsOptions> options)
    {
        _configured = egress.Value.ToAllowList();
        _client = new HttpClient(ControlPlaneEgress.CreateHandler(_configured)) { Timeout = TimeSpan.FromSeconds(options.Value.WebhookTimeoutSeconds) };
    }

    /// <summary>Posts <paramref name="payload"/> as JSON; null when the webhook answered 2xx, otherwise why not.</summary>
    public async Task<string?> PostAsync(string url, object payload, EgressAllowList platform, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(payload) };
        request.Options.Set(EgressHttpHandler.PlatformAllowList, platform);
        try
        {
            using var response = await _client.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (HttpRequestException ex)
        {
            return EgressDeniedException.Find(ex) is { } refused ? refused.Message : "unreachable: " + ex.Message;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "timed out";
        }
    }

    public void Dispose() => _client.Dispose();
}
