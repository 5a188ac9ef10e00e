using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Providers.Bedrock;
using Switchyard.DataPlane.Providers.OpenAICompatible;
using Switchyard.DataPlane.Providers.Upstream;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Tests.Providers.Bedrock;

/// <summary>A scripted Bedrock on 127.0.0.1 (recording each request's raw target) and a provider pointed at it.</summary>
internal sealed partial class BedrockHarness : IAsyncDisposable
{
    public const string Model = "us.anthropic.claude-3-5-sonnet-20241022-v2:0";
    public const string Secret = "AKIDEXAMPLE:wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY:SESSIONTOKENEXAMPLE";

    private readonly UpstreamHttpClient _http = TestEgress.LoopbackClient();

    private BedrockHarness(ScriptedUpstream upstream, ConcurrentQueue<string> rawTargets)
    {
        Upstream = upstream;
        RawTargets = rawTargets;
        Provider = new BedrockChatProvider(new UpstreamClient(_http, Options.Create(new UpstreamOptions { UpstreamTimeoutSeconds = 10 })), TimeProvider.System);
    }

    public ScriptedUpstream Upstream { get; }

    public BedrockChatProvider Provider { get; }

    /// <summary>Request targets exactly as they arrived on the wire (path still escaped).</summary>
    public ConcurrentQueue<string> RawTargets { get; }

    public string LastRawTarget => RawTargets.Last();

    public static async Task<BedrockHarness> StartAsync(Func<HttpContext, Task> respond)
    {
        var targets = new ConcurrentQueue<string>();
        var upstream = await ScriptedUpstream.StartAsync(app => app.Run(context =>
        {
            targets.Enqueue(context.Features.Get<IHttpRequestFeature>()!.RawTarget);
            return respond(context);
        }));
        return new BedrockHarness(upstream, targets);
    }

    public RuntimeDeployment Deployment(string model = Model, string? secret = Secret, Dictionary<string, string>? settings = null) =>
        new(new DeploymentSnapshot(Guid.NewGuid(), ProviderKinds.Bedrock, model, Upstream.BaseUrl, null, 1,
            settings ?? new Dictionary<string, string> { ["region"] = "us-east-1" }), secret);

    /// <summary>Answers with an event stream written in small, irregular chunks, each flushed.</summary>
    public static async Task WriteEventStreamAsync(HttpContext context, byte[] data)
    {
        context.Response.ContentType = "application/vnd.amazon.eventstream";
        int[] sizes = [1, 5, 17, 3, 64, 2, 11, 200];
        for (int offset = 0, i = 0; offset < data.Length; i++)
        {
            var size = Math.Min(sizes[i % sizes.Length], data.Length - offset);
            await context.Response.Body.WriteAsync(data.AsMemory(offset, size));
            await context.Response.Body.FlushAsync();
            offset += size;
        }
    }

    /// <summary>Recomputes the SigV4 signature from the request as received and checks it matches the one sent.</summary>
    public static void AssertSignatureVerifies(UpstreamCall call, string rawTarget, string region = "us-east-1")
    {
        var match = AuthorizationPattern().Match(call.Headers["Authorization"]);
        Assert.True(match.Success, call.Headers["Authorization"]);
        Assert.Equal("AKIDEXAMPLE", match.Groups["key"].Value);
        Assert.Equal(region, match.Groups["region"].Value);
        var time = DateTimeOffset.ParseExact(call.Headers["x-amz-date"], "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        Assert.Equal(match.Groups["date"].Value, call.Headers["x-amz-date"][..8]);
        var bodyHash = Convert.ToHexStringLower(SHA256.HashData(call.Body));
        Assert.Equal(bodyHash, call.Headers["x-amz-content-sha256"]);
        var signedHeaders = match.Groups["signed"].Value.Split(';');
        Assert.Contains("host", signedHeaders);
        Assert.Contains("x-amz-date", signedHeaders);
        Assert.Contains("x-amz-security-token", signedHeaders);
        var query = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var credentials = AwsCredentials.Parse(Secret)!;

        var recomputed = SigV4Signer.Compute(call.Method, query < 0 ? rawTarget : rawTarget[..query], query < 0 ? null : rawTarget[query..],
            signedHeaders.Select(h => KeyValuePair.Create(h, call.Headers[h])), bodyHash, time, credentials, region, "bedrock");

        Assert.Equal(match.Groups["signature"].Value, recomputed.Signature);
    }

    public async ValueTask DisposeAsync()
    {
        await Upstream.DisposeAsync();
        _http.Dispose();
    }

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=(?<key>[A-Z0-9]+)/(?<date>\d{8})/(?<region>[a-z0-9-]+)/bedrock/aws4_request, SignedHeaders=(?<signed>[a-z0-9;-]+), Signature=(?<signature>[0-9a-f]{64})$")]
    private static partial Regex AuthorizationPattern();
}
