using Switchyard.DataPlane.Dialects.OpenAI;
using Switchyard.Testing.Upstream;

namespace Switchyard.DataPlane.Tests.Infrastructure;

/// <summary>
/// What the <see cref="DataPlaneTestHost"/>'s upstream answers on POST /v1/chat/completions, OpenAI-compatible: the
/// upstream model of <see cref="TestSnapshots.UpstreamScenarios"/> ("up-" + scenario) picks the reply.
/// </summary>
internal sealed class UpstreamScenarios
{
    /// <summary>Completed when the upstream saw the gateway abort the "hang" stream.</summary>
    public TaskCompletionSource HangAborted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Released by tests to let the "stream" script send its remaining chunks.</summary>
    public SemaphoreSlim StreamGate { get; } = new(0);

    public FakeReply Choose(RecordedRequest request)
    {
        switch ((string?)request.Json["model"])
        {
            case "up-basic":
                return FakeReply.Json(Fixture.Text("openai-chat-response.json"));
            case "up-stream":
                var events = StreamEvents();
                var stream = FakeReply.Status(200, "text/event-stream").Write(events[0] + "\n\n")
                    .Pause(aborted => StreamGate.WaitAsync(TimeSpan.FromSeconds(10), aborted));
                foreach (var e in events.Skip(1))
                {
                    stream.Write(e + "\n\n").Pause(aborted => Task.Delay(10, aborted));
                }

                return stream;
            case "up-ratelimit":
                return FakeReply.Json(Fixture.Text("openai-error-429-rate-limit.json"), 429)
                    .Header("retry-after", "1").Header("x-ratelimit-remaining-tokens", "0");
            case "up-servererror":
                return FakeReply.Json("""{"error":{"message":"The server had an error while processing your request. Sorry about that!","type":"server_error","param":null,"code":null}}""", 500);
            case "up-plainerror":
                return FakeReply.Status(503, "text/html").Write("<html>Service Unavailable</html>");
            case "up-plaintext":
                return FakeReply.Status(500, "text/plain").Write("NullReferenceException at Internal.Secret.Handler(db=10.0.0.7) line 42");
            case "up-redirect":
                return FakeReply.Status(302).Header("Location", "http://169.254.169.254/latest/meta-data/");
            case "up-headers":
                return FakeReply.Json(Fixture.Text("openai-chat-response.json"))
                    .Header("Set-Cookie", "upstream-session=abc; Path=/")
                    .Header("openai-organization", "org-secret-tenant")
                    .Header("x-request-id", "req_upstream_1")
                    .Header("x-ratelimit-remaining-requests", "99")
                    .Header("x-internal-debug", "node-7");
            case "up-slow":
                return FakeReply.Status(200).Pause(aborted => Task.Delay(TimeSpan.FromSeconds(5), aborted));
            case "up-cut":
                // The role chunk and "Hello", then nothing until the caller leaves: a stream cut before any usage arrived.
                var cut = StreamEvents();
                return FakeReply.Status(200, "text/event-stream").Write(cut[0] + "\n\n" + cut[1] + "\n\n").Pause(WaitForAbortAsync);
            case "up-hang":
                return FakeReply.Status(200, "text/event-stream").Write(StreamEvents()[0] + "\n\n").Pause(WaitForAbortAsync);
            default:
                return FakeReply.Status(404).Write(OpenAIError.Serialize("unknown script", "invalid_request_error", null, null));
        }
    }

    private static string[] StreamEvents() => Fixture.Text("openai-chat-stream.sse").Split("\n\n", StringSplitOptions.RemoveEmptyEntries);

    private async Task WaitForAbortAsync(CancellationToken aborted)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(30), aborted);
        }
        catch (OperationCanceledException)
        {
            HangAborted.TrySetResult();
        }
    }
}
