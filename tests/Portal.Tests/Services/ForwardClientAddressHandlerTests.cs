using System.Net;
using Microsoft.AspNetCore.Http;
using Switchyard.Portal.Services;
using Switchyard.Shared.Admin;

namespace Switchyard.Portal.Tests.Services;

public sealed class ForwardClientAddressHandlerTests
{
    [Fact]
    public async Task LoginAsync_DuringABrowserRequest_ForwardsTheBrowserAddress()
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse("::ffff:203.0.113.7");
        var recorder = new RecordingHandler();
        var handler = new ForwardClientAddressHandler(new HttpContextAccessor { HttpContext = context }) { InnerHandler = recorder };
        var client = new ControlPlaneClient(new HttpClient(handler) { BaseAddress = new Uri("http://cp.test/") }, new NoUser());

        await Assert.ThrowsAsync<ControlPlaneException>(() => client.LoginAsync(new LoginRequest("ann@acme.test", "pw")));

        var login = Assert.Single(recorder.Requests);
        Assert.Equal(["203.0.113.7"], login.Headers.GetValues("X-Forwarded-For"));
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Unauthorized));
        }
    }

    private sealed class NoUser : Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider
    {
        public override Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState> GetAuthenticationStateAsync() =>
            Task.FromResult(new Microsoft.AspNetCore.Components.Authorization.AuthenticationState(new System.Security.Claims.ClaimsPrincipal()));
    }
}
