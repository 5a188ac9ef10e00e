using System.Net.Http.Headers;
using Microsoft.Net.Http.Headers;
using Switchyard.Portal.Services;

namespace Switchyard.Portal.Downloads;

/// <summary>
/// <c>GET /downloads/{export}?…</c>: the signed-in member's export (chargeback CSV/Excel, audit CSV/JSON Lines) streamed
/// from the admin API to the browser with the member's own credentials and tenant. The answer is copied through as it
/// arrives, so a large range never sits in the portal's or the browser's memory; the browser shows the download's progress.
/// The query string goes to the admin API as it is: it validates the filters and decides what the member may read.
/// </summary>
public static class PortalDownloadEndpoints
{
    public const string BasePath = "/downloads/";

    /// <summary>The exports a page can link to, and the admin API path (below the member's tenant) that answers each.</summary>
    private static readonly Dictionary<string, string> Exports = new(StringComparer.Ordinal)
    {
        [PortalDownloads.Chargeback] = "chargeback",
        [PortalDownloads.Audit] = "audit/export",
    };

    private static readonly string[] CopiedHeaders = [HeaderNames.ContentType, HeaderNames.ContentDisposition];

    public static IEndpointConventionBuilder MapPortalDownloads(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(BasePath + "{export}", DownloadAsync)
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(PortalClaims.Scheme).RequireAuthenticatedUser())
            .ExcludeFromDescription()
            .WithDisplayName("Switchyard portal downloads");

    private static async Task DownloadAsync(string export, HttpContext context, IHttpClientFactory clients)
    {
        var response = context.Response;
        var user = PortalUser.From(context.User);
        var token = context.User.FindFirst(PortalClaims.ApiToken)?.Value;
        if (!Exports.TryGetValue(export, out var path) || user is null || string.IsNullOrEmpty(token))
        {
            response.StatusCode = user is null || string.IsNullOrEmpty(token) ? StatusCodes.Status401Unauthorized : StatusCodes.Status404NotFound;
            return;
        }

        using var http = clients.CreateClient(ControlPlaneClient.HttpClientName);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/tenants/{user.TenantId}/{path}{context.Request.QueryString}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        HttpResponseMessage answer;
        try
        {
            // Headers only: the body is read below as it streams in, never buffered whole.
            answer = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !context.RequestAborted.IsCancellationRequested))
        {
            response.StatusCode = StatusCodes.Status502BadGateway;
            await response.WriteAsync(ProblemMessages.Unreachable, context.RequestAborted);
            return;
        }

        using (answer)
        {
            response.StatusCode = (int)answer.StatusCode;
            foreach (var name in CopiedHeaders)
            {
                if (answer.Content.Headers.TryGetValues(name, out var values) || answer.Headers.TryGetValues(name, out values))
                {
                    response.Headers[name] = values.ToArray();
                }
            }

            response.Headers.CacheControl = "no-store";
            await using var body = await answer.Content.ReadAsStreamAsync(context.RequestAborted);
            await body.CopyToAsync(response.Body, context.RequestAborted);
        }
    }
}
