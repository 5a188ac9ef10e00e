using System.Text.Json;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Dialects.Anthropic;
using Switchyard.DataPlane.Providers;
using Switchyard.DataPlane.Streaming;

namespace Switchyard.DataPlane.Gateway;

/// <summary>
/// <c>POST /v1/messages/count_tokens</c>: a Messages body (without <c>max_tokens</c>) answered with
/// <c>{"input_tokens":N}</c> by the provider behind the model, when that provider can count tokens.
/// </summary>
public sealed class CountTokensEndpoint
{
    public const string EndpointName = "messages.count_tokens";

    private readonly AnthropicDialect _dialect;
    private readonly GatewayPipeline _pipeline;
    private readonly ProviderRegistry _providers;
    private readonly GatewayPipeline.Handler _handle;

    public CountTokensEndpoint(AnthropicDialect dialect, GatewayPipeline pipeline, ProviderRegistry providers)
    {
        _dialect = dialect;
        _pipeline = pipeline;
        _providers = providers;
        _handle = CountAsync;
    }

    public Task HandleAsync(HttpContext context) => _pipeline.RunAsync(context, EndpointName, _dialect, _handle);

    private async Task CountAsync(HttpContext context, GatewayRequestState state, ReadOnlyMemory<byte> body)
    {
        if (_dialect.Scan(body.Span, requireMaxTokens: false, out var scanError) is not { } info)
        {
            await _dialect.WriteErrorAsync(context, scanError!);
            return;
        }

        state.Model = info.Model;
        if (await _pipeline.RouteAsync(context, state, _dialect) is not { } deployment)
        {
            return;
        }

        if (_providers.FindChat(deployment.ProviderKind) is not ITokenCounter counter)
        {
            await _dialect.WriteErrorAsync(context, GatewayError.InvalidRequest(
                $"The provider behind the model `{state.Model}` ({deployment.ProviderKind}) cannot count tokens.", "model", "count_tokens_unsupported"));
            return;
        }

        if (_dialect.Parse(body.Span, requireMaxTokens: false, out var parseError) is not { } request)
        {
            await _dialect.WriteErrorAsync(context, parseError!);
            return;
        }

        var result = await counter.CountTokensAsync(request, deployment, context.RequestAborted);
        if (result.Error is { } error)
        {
            await _dialect.WriteErrorAsync(context, error);
            return;
        }

        state.MarkFirstByte(_pipeline.Time.GetTimestamp());
        await WriteCountAsync(context, result.Value!.InputTokens);
    }

    private static async Task WriteCountAsync(HttpContext context, int inputTokens)
    {
        using var buffer = new PooledBufferWriter(64);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("input_tokens", inputTokens);
            w.WriteEndObject();
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.ContentLength = buffer.WrittenCount;
        await response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }
}
