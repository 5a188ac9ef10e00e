using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Infrastructure;
using Switchyard.ControlPlane.Infrastructure.Errors;

namespace Switchyard.ControlPlane.Features.Config;

/// <summary>Admits only <c>Authorization: Bearer {ControlPlane:NodeSecret}</c>, compared in constant time; else 401.</summary>
internal sealed class NodeSecretFilter(IOptions<ControlPlaneOptions> options) : IEndpointFilter
{
    private readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.NodeSecret));

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        string? header = context.HttpContext.Request.Headers.Authorization;
        var presented = header is not null && header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..].Trim() : "";
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        if (presented.Length == 0 || !CryptographicOperations.FixedTimeEquals(digest, _expected))
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return Problems.Unauthorized("A valid node secret is required.");
        }

        return await next(context);
    }
}
