using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Shared;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Tests.Features.Auth;

/// <summary>
/// Sign-in requests as if from a given client address: the in-memory test server has none, so a startup filter (ahead of
/// the whole pipeline, like the network would be) takes the connection's address from a test-only header.
/// </summary>
internal static class SignInRequests
{
    private const string ClientAddressHeader = "X-Test-Connection-Address";

    public static void AddClientAddresses(IServiceCollection services) =>
        services.AddTransient<IStartupFilter, ClientAddressStartupFilter>();

    public static Task<HttpResponseMessage> LoginFromAsync(
        ControlPlaneTestHost host, string clientAddress, string email, string password, string query = "", IDictionary<string, string>? headers = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login" + query)
        {
            Content = JsonContent.Create(new LoginRequest(email, password), options: SwitchyardJson.Options),
        };
        request.Headers.Add(ClientAddressHeader, clientAddress);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(name, value);
        }

        return host.Anonymous.SendAsync(request);
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    private sealed class ClientAddressStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[ClientAddressHeader], out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
