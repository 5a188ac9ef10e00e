using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Switchyard.DataPlane.Tests.Guardrails;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Governance;

namespace Switchyard.DataPlane.Tests.Audit;

/// <summary>
/// The audit data a node puts on usage records, through a running node: hashes of what was forwarded (after DLP) and of
/// what the caller received, and in full mode the bodies themselves, cut at the cap.
/// </summary>
public sealed class AuditRecorderTests
{
    private const string Email = "jane.doe@example.com";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Chat_FullMode_RecordCarriesRedactedRequestAndResponseAsReceived(bool stream)
    {
        var policy = GuardedNode.Policy("pii", TestSnapshots.TenantId, dlp: [new DlpRule(DlpDetectors.Email, DlpActions.Redact)]);
        await using var host = await GuardedNode.StartAsync(tenantA: policy, audit: new AuditSettings(AuditModes.Full));

        using var response = await host.Client.SendAsync(GuardedNode.Chat(
            $$"""{"model":"echo","stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"Mail {{Email}} now"}]}"""));
        var received = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("[EMAIL]", Encoding.UTF8.GetString(received), StringComparison.Ordinal);
        var audit = (await host.WaitForUsageAsync(r => r.Model == "echo")).Audit!;
        Assert.Equal(AuditModes.Full, audit.Mode);
        var request = Encoding.UTF8.GetString(audit.RequestBody!);
        Assert.Contains("Mail [EMAIL] now", request, StringComparison.Ordinal);
        Assert.DoesNotContain(Email, request, StringComparison.Ordinal);
        Assert.Equal(audit.RequestBody!.Length, audit.RequestBytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(audit.RequestBody)), audit.RequestSha256);
        Assert.Equal(received, audit.ResponseBody);
        Assert.Equal(received.Length, audit.ResponseBytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(received)), audit.ResponseSha256);
    }

    [Fact]
    public async Task Chat_MetadataModeByDefault_HashesWithoutBodies()
    {
        await using var host = await StartAsync(audit: null);

        using var response = await host.Client.SendAsync(Chat("hello", stream: false));
        var received = await response.Content.ReadAsByteArrayAsync();

        var audit = (await host.WaitForUsageAsync(r => r.Model == "basic")).Audit!;
        Assert.Equal(AuditModes.Metadata, audit.Mode);
        Assert.Null(audit.RequestBody);
        Assert.Null(audit.ResponseBody);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(received)), audit.ResponseSha256);
    }

    [Fact]
    public async Task Chat_UseCaseOverriddenOff_RecordNotAudited()
    {
        var settings = new AuditSettings(AuditModes.Full, UseCaseModes: new Dictionary<string, string> { ["evaluation"] = AuditModes.Off });
        await using var host = await StartAsync(settings, useCase: "evaluation");

        using var response = await host.Client.SendAsync(Chat("hello", stream: false));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null((await host.WaitForUsageAsync(r => r.Model == "basic")).Audit);
    }

    [Fact]
    public async Task Chat_BodiesOverTheCap_CutButHashedWhole()
    {
        await using var host = await StartAsync(new AuditSettings(AuditModes.Full), settings: new Dictionary<string, string?> { ["DataPlane:Audit:MaxBodyBytes"] = "40" });

        using var response = await host.Client.SendAsync(Chat(new string('x', 500), stream: true));
        var received = await response.Content.ReadAsByteArrayAsync();

        var audit = (await host.WaitForUsageAsync(r => r.Model == "basic")).Audit!;
        Assert.Equal(40, audit.RequestBody!.Length);
        Assert.True(audit.RequestBytes > 500);
        Assert.Equal(received[..40], audit.ResponseBody);
        Assert.Equal(received.Length, audit.ResponseBytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(received)), audit.ResponseSha256);
    }

    private static Task<DataPlaneTestHost> StartAsync(AuditSettings? audit, string? useCase = null, IReadOnlyDictionary<string, string?>? settings = null) =>
        DataPlaneTestHost.StartAsync(settings: settings, customize: snapshot => snapshot with
        {
            Tenants = [.. snapshot.Tenants.Select(t => t.Id == TestSnapshots.TenantId ? t with { Audit = audit } : t)],
            Keys = [.. snapshot.Keys.Select(k => k.Id == TestSnapshots.KeyId ? k with { UseCase = useCase } : k)],
        });

    private static HttpRequestMessage Chat(string text, bool stream)
    {
        var body = $$"""{"model":"basic","stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"{{text}}"}]}""";
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestSnapshots.Key);
        return request;
    }
}
