using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Egress;

namespace Switchyard.DataPlane.Providers.Upstream;

/// <summary>
/// Sends translated requests to providers over the shared pooled connections, with the node's activity timeout:
/// the upstream may stay silent at most <see cref="UpstreamOptions.UpstreamTimeoutSeconds"/> before the headers and
/// between body reads. Transport failures come back as errors, not exceptions; only the caller's cancellation throws.
/// </summary>
public sealed class UpstreamClient(UpstreamHttpClient http, IOptions<UpstreamOptions> options)
{
    private readonly TimeSpan _timeout = TimeSpan.FromSeconds(options.Value.UpstreamTimeoutSeconds);

    public async Task<UpstreamExchange> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        UpstreamConnectTimeout.Apply(request);
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            var response = await http.Invoker.SendAsync(request, timeout.Token);
            return new UpstreamExchange(response, timeout, _timeout, UpstreamDeadline.Current);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            timeout.Dispose();
            return new UpstreamExchange(GatewayError.Timeout());
        }
        catch (HttpRequestException ex)
        {
            timeout.Dispose();
            cancellationToken.ThrowIfCancellationRequested();
            return new UpstreamExchange(EgressDeniedError.IsCause(ex)
                ? GatewayError.Upstream(EgressDeniedError.CallerMessage, EgressDeniedError.Code)
                : GatewayError.Upstream("The gateway could not reach the upstream provider."));
        }
        catch
        {
            timeout.Dispose();
            throw;
        }
        finally
        {
            request.Dispose();
        }
    }
}
