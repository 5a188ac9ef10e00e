using System.Buffers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Infrastructure.Errors;

namespace Switchyard.ControlPlane.Infrastructure;

/// <summary>
/// Enforces <see cref="AdminApiOptions.MaxRequestBodyBytes"/> before anything binds the body: a declared
/// <c>Content-Length</c> over the limit answers 413 at once, unread; a body without one (chunked) is buffered up to the limit
/// and rewound for the endpoint, or answers 413 as soon as it passes it. The answer is ProblemDetails naming the setting.
/// </summary>
internal sealed class AdminRequestBodyLimitMiddleware(RequestDelegate next, IOptions<AdminApiOptions> options)
{
    private const int MaxInMemoryBuffer = 1024 * 1024;

    private readonly long _limit = options.Value.MaxRequestBodyBytes;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength is { } declared)
        {
            if (declared > _limit)
            {
                await TooLarge(context);
                return;
            }
        }
        else if (context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != false && !await FitsAsync(request))
        {
            await TooLarge(context);
            return;
        }

        await next(context);
    }

    private async Task<bool> FitsAsync(HttpRequest request)
    {
        request.EnableBuffering((int)Math.Min(_limit, MaxInMemoryBuffer));
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            long total = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
            {
                total += read;
                if (total > _limit)
                {
                    return false;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        request.Body.Position = 0;
        return true;
    }

    private Task TooLarge(HttpContext context) => Problems.PayloadTooLarge(
        $"The request body is larger than the admin API accepts ({_limit} bytes, setting {AdminApiOptions.Section}:{nameof(AdminApiOptions.MaxRequestBodyBytes)}).")
        .ExecuteAsync(context);
}
