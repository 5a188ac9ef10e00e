namespace Switchyard.DataPlane.Lifecycle;

/// <summary>
/// Tracks gateway requests (<c>/v1/…</c>) in <see cref="NodeDrain"/> so that a stopping node waits for them. While the
/// node drains, HTTP/1.1 answers carry <c>Connection: close</c>, so clients and load balancers reconnect elsewhere.
/// </summary>
public sealed class GatewayInFlightMiddleware(RequestDelegate next, NodeDrain drain)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/v1"))
        {
            await next(context);
            return;
        }

        if (!drain.TryEnter())
        {
            if (HttpProtocol.IsHttp11(context.Request.Protocol))
            {
                context.Response.Headers.Connection = "close";
            }

            await next(context);
            return;
        }

        try
        {
            await next(context);
        }
        finally
        {
            drain.Exit();
        }
    }
}
