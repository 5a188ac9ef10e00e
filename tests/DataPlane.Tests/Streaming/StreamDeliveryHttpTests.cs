using System.Net.Http.Headers;
using System.Text;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;
using Switchyard.Testing.Upstream;

namespace Switchyard.DataPlane.Tests.Streaming;

/// <summary>
/// Every complete upstream event reaches the caller as soon as the node has read it, on every path (pass-through and each
/// translated stream): an upstream that writes three events in one write and then pauses must not have them held back
/// until its next write, and must not lose them when it then drops the connection.
/// </summary>
public class StreamDeliveryHttpTests : IAsyncLifetime
{
    private static readonly string[] Words = ["alpha", "bravo", "charlie"];
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private FakeUpstream _upstream = null!;
    private DataPlaneTestHost _host = null!;

    public static TheoryData<string, string> Paths => new()
    {
        { "openai", "openai" },     // pass-through
        { "openai", "anthropic" },  // OpenAI caller, Anthropic stream translated
        { "openai", "gemini" },     // OpenAI caller, Gemini stream translated
        { "anthropic", "openai" },  // Anthropic caller, OpenAI stream translated
    };

    public async Task InitializeAsync()
    {
        _upstream = await FakeUpstream.StartAsync();
        _upstream.Answer(Answer);
        _host = await DataPlaneTestHost.StartAsync(customize: s => s
            .AddRoute("held-openai", ProviderKinds.OpenAI, "held", _upstream.BaseUrl + "/v1", secret: "k")
            .AddRoute("drop-openai", ProviderKinds.OpenAI, "drop", _upstream.BaseUrl + "/v1", secret: "k")
            .AddRoute("held-anthropic", ProviderKinds.Anthropic, "held", _upstream.BaseUrl, secret: "k")
            .AddRoute("drop-anthropic", ProviderKinds.Anthropic, "drop", _upstream.BaseUrl, secret: "k")
            .AddRoute("held-gemini", ProviderKinds.Gemini, "held", _upstream.BaseUrl + "/v1beta", secret: "k")
            .AddRoute("drop-gemini", ProviderKinds.Gemini, "drop", _upstream.BaseUrl + "/v1beta", secret: "k"));
    }

    public async Task DisposeAsync()
    {
        _release.TrySetResult();
        await _host.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Stream_ThreeEventsThenPause_ReachCallerBeforeTheUpstreamWritesAgain(string caller, string upstream)
    {
        using var response = await _host.Client.SendAsync(Request(caller, "held-" + upstream), HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();

        // The upstream writes nothing more until the test releases it; the words must arrive before that.
        var seen = await ReadUntilAsync(body, text => Words.All(w => text.Contains(w, StringComparison.Ordinal)));
        Assert.True(Words.All(w => seen.Contains(w, StringComparison.Ordinal)), $"{caller} caller, {upstream} upstream: events were held back; received so far: {seen}");

        _release.TrySetResult();
        var rest = await new StreamReader(body).ReadToEndAsync();
        Assert.Contains("delta", rest, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Stream_ThreeEventsThenUpstreamDrops_CallerGetsThemAndAnErrorEvent(string caller, string upstream)
    {
        using var response = await _host.Client.SendAsync(Request(caller, "drop-" + upstream), HttpCompletionOption.ResponseHeadersRead);

        var text = await response.Content.ReadAsStringAsync();

        foreach (var word in Words)
        {
            Assert.Contains(word, text, StringComparison.Ordinal);
        }

        Assert.Contains(caller == "openai" ? "data: {\"error\"" : "event: error", text, StringComparison.Ordinal);
    }

    private static HttpRequestMessage Request(string caller, string model)
    {
        var openAI = caller == "openai";
        var body = openAI
            ? $$"""{"model":"{{model}}","stream":true,"messages":[{"role":"user","content":"Hi"}]}"""
            : $$"""{"model":"{{model}}","max_tokens":100,"stream":true,"messages":[{"role":"user","content":"Hi"}]}""";
        var request = new HttpRequestMessage(HttpMethod.Post, openAI ? "/v1/chat/completions" : "/v1/messages")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (openAI)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestSnapshots.Key);
        }
        else
        {
            request.Headers.Add("x-api-key", TestSnapshots.Key);
            request.Headers.Add("anthropic-version", "2023-06-01");
        }

        return request;
    }

    /// <summary>Reads until <paramref name="done"/> holds for what arrived, or 15 s pass (a failure, not a measurement).</summary>
    private static async Task<string> ReadUntilAsync(Stream body, Func<string, bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var text = new StringBuilder();
        var buffer = new byte[4096];
        try
        {
            while (!done(text.ToString()))
            {
                var read = await body.ReadAsync(buffer, timeout.Token);
                if (read == 0)
                {
                    break;
                }

                text.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }
        }
        catch (OperationCanceledException)
        {
        }

        return text.ToString();
    }

    /// <summary>Three events in one write, then (for a "drop" model) the connection reset, else a pause until released and the rest.</summary>
    private FakeReply Answer(RecordedRequest request)
    {
        var kind = request.Path.StartsWith("/v1beta", StringComparison.Ordinal) ? "gemini" : request.Path.EndsWith("/messages", StringComparison.Ordinal) ? "anthropic" : "openai";
        var drop = request.Body.Contains("\"drop\"", StringComparison.Ordinal) || request.Path.Contains("/drop:", StringComparison.Ordinal);
        var reply = FakeReply.Status(200, "text/event-stream").Write(string.Concat(Opening(kind).Concat(Words.Select(w => Delta(kind, w)))));

        // Let the written events leave the socket before it is reset (an abort discards what is still queued).
        return drop
            ? reply.Pause(_ => Task.Delay(200)).Drop()
            : reply.Pause(_ => _release.Task.WaitAsync(TimeSpan.FromSeconds(30))).Write(Closing(kind));
    }

    private static IEnumerable<string> Opening(string kind) => kind switch
    {
        "anthropic" =>
        [
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"held\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}\n\n",
            "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
        ],
        _ => [],
    };

    private static string Delta(string kind, string word) => kind switch
    {
        "anthropic" => $"event: content_block_delta\ndata: {{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{{\"type\":\"text_delta\",\"text\":\"{word} \"}}}}\n\n",
        "gemini" => $"data: {{\"candidates\":[{{\"content\":{{\"role\":\"model\",\"parts\":[{{\"text\":\"{word} \"}}]}},\"index\":0}}]}}\r\n\r\n",
        _ => $"data: {{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"held\",\"choices\":[{{\"index\":0,\"delta\":{{\"content\":\"{word} \"}},\"finish_reason\":null}}]}}\n\n",
    };

    private static string Closing(string kind) => kind switch
    {
        "anthropic" => "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
            + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":3}}\n\n"
            + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n",
        "gemini" => "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"delta\"}]},\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":5,\"candidatesTokenCount\":4,\"totalTokenCount\":9}}\r\n\r\n",
        _ => "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"held\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"delta\"},\"finish_reason\":\"stop\"}]}\n\n"
            + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"held\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":4,\"total_tokens\":9}}\n\ndata: [DONE]\n\n",
    };
}
