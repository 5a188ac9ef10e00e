using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Tests.Authentication;

/// <summary>A tenant the platform's billing suspended (snapshot <c>Billing</c>) is refused with 402 in the caller's dialect.</summary>
public class BillingSuspensionHttpTests
{
    [Fact]
    public async Task Post_SuspendedTenant_Returns402InOpenAIAndAnthropicShapes()
    {
        await using var host = await DataPlaneTestHost.StartAsync(customize: s => WithStanding(s, TenantBillingStatus.Suspended));

        using var openAi = await host.Client.SendAsync(OpenAIRequest());
        using var anthropic = await host.Client.SendAsync(AnthropicRequest());

        Assert.Equal(HttpStatusCode.PaymentRequired, openAi.StatusCode);
        var openAiError = JsonDocument.Parse(await openAi.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("billing_error", openAiError.GetProperty("type").GetString());
        Assert.Equal("billing_suspended", openAiError.GetProperty("code").GetString());
        Assert.Contains("suspended for non-payment", openAiError.GetProperty("message").GetString());

        Assert.Equal(HttpStatusCode.PaymentRequired, anthropic.StatusCode);
        var anthropicBody = JsonDocument.Parse(await anthropic.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("error", anthropicBody.GetProperty("type").GetString());
        Assert.Equal("billing_error", anthropicBody.GetProperty("error").GetProperty("type").GetString());
        Assert.Contains("suspended for non-payment", anthropicBody.GetProperty("error").GetProperty("message").GetString());
        Assert.Empty(host.Upstream.Requests);
    }

    [Fact]
    public async Task Post_TenantInGracePeriod_IsServed()
    {
        await using var host = await DataPlaneTestHost.StartAsync(customize: s => WithStanding(s, TenantBillingStatus.GracePeriod));

        using var response = await host.Client.SendAsync(OpenAIRequest());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static ConfigSnapshot WithStanding(ConfigSnapshot snapshot, TenantBillingStatus status) => snapshot with
    {
        Tenants = [.. snapshot.Tenants.Select(t => t.Id == TestSnapshots.TenantId ? t with { Billing = status } : t)],
    };

    private static HttpRequestMessage OpenAIRequest()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent("""{"model":"basic","messages":[{"role":"user","content":"Hello"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestSnapshots.Key);
        return request;
    }

    private static HttpRequestMessage AnthropicRequest()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages")
        {
            Content = new StringContent("""{"model":"basic","max_tokens":64,"messages":[{"role":"user","content":"Hello"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-api-key", TestSnapshots.Key);
        request.Headers.Add("anthropic-version", "2023-06-01");
        return request;
    }
}
