using Switchyard.DataPlane.Errors;
using Switchyard.DataPlane.Gateway;
using Switchyard.DataPlane.Streaming;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Providers.Mock;

/// <summary>Built-in provider answering deterministically without network, in OpenAI's exact wire format.</summary>
public sealed class MockProviderAdapter(TimeProvider time) : IPassThroughAdapter
{
    public IReadOnlyList<string> Kinds { get; } = [ProviderKinds.Mock];

    public async Task ChatCompletionsAsync(HttpContext context, GatewayRequestState state)
    {
        var settings = MockSettings.Of(state.Deployment!);
        var aborted = context.RequestAborted;
        if (settings.LatencyMs > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(settings.LatencyMs), time, aborted);
        }

        if (settings.FailStatus is { } failStatus)
        {
            if (failStatus == StatusCodes.Status429TooManyRequests)
            {
                context.Response.Headers.RetryAfter = "1";
            }

            await OpenAIError.WriteAsync(context, failStatus >= 500 ? StatusCodes.Status502BadGateway : failStatus,
                $"The mock provider was configured to fail with HTTP {failStatus}.", OpenAIError.Upstream, null, "mock_failure");
            return;
        }

        var completion = MockCompletion.From(state.Body.Span);
        var id = "chatcmpl-mock-" + Guid.CreateVersion7(time.GetUtcNow()).ToString("N");
        var created = time.GetUtcNow().ToUnixTimeSeconds();
        state.SetUsage(completion.PromptTokens, completion.CompletionTokens);
        using var buffer = new PooledBufferWriter(1024);

        if (!state.Stream)
        {
            MockResponseWriter.WriteCompletion(buffer, id, created, state.Model, completion);
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = buffer.WrittenCount;
            state.MarkFirstByte(time.GetTimestamp());
            await context.Response.Body.WriteAsync(buffer.WrittenMemory, aborted);
            return;
        }

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var delay = settings.TokensPerSecond > 0 ? TimeSpan.FromSeconds(1 / settings.TokensPerSecond) : TimeSpan.Zero;
        var usageNull = state.IncludeUsage;

        MockResponseWriter.WriteChunk(Event(buffer), id, created, state.Model, role: true, null, null, usageNull);
        await SendAsync(context, state, buffer);
        foreach (var piece in completion.Pieces)
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, time, aborted);
            }

            MockResponseWriter.WriteChunk(Event(buffer), id, created, state.Model, role: false, piece, null, usageNull);
            await SendAsync(context, state, buffer);
        }

        MockResponseWriter.WriteChunk(Event(buffer), id, created, state.Model, role: false, null, "stop", usageNull);
        buffer.Write("\n\n"u8);
        if (state.IncludeUsage)
        {
            MockResponseWriter.WriteUsageChunk(Event(buffer), id, created, state.Model, completion);
            buffer.Write("\n\n"u8);
        }

        buffer.Write("data: [DONE]\n\n"u8);
        await SendAsync(context, state, buffer, terminate: false);
    }

    private static PooledBufferWriter Event(PooledBufferWriter buffer)
    {
        buffer.Write("data: "u8);
        return buffer;
    }

    private async Task SendAsync(HttpContext context, GatewayRequestState state, PooledBufferWriter buffer, bool terminate = true)
    {
        if (terminate)
        {
            buffer.Write("\n\n"u8);
        }

        state.MarkFirstByte(time.GetTimestamp());
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        buffer.Clear();
    }
}
