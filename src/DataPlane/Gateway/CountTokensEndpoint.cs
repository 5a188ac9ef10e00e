using System.Text.Json;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Dialects.Anthropic;
using Switchyard.DataPlane.Pipeline;
using Switchyard.DataPlane.Providers;
using Switchyard.DataPlane.Streaming;

namespace Switchyard.DataPlane.Gateway;

/// <summary>
/// <c>POST /v1/messages/count_tokens</c>: a Messages body (without <c>max_tokens</c>) answered with
/// <c>{"input_tokens":N}</c> by the provider behind the model, when that provider can count tokens.
/// </summary>
public sealed class CountTokensEndpoint(AnthropicDialect dialect, ProviderRegistry providers) : GatewayEndpoint(EndpointName, dialect)
{
    public const string EndpointName = "messages.count_tokens";

    public override RequestSummary? Read(ReadOnlyMemory<byte> body, out GatewayError? error) =>
        dialect.Scan(body.Span, requireMaxTokens: false, out error) is { } info ? new RequestSummary(info.Model) : null;

    public override async Task<GatewayError?> ForwardAsync(GatewayContext context, RuntimeDeployment deployment)
    {
        if (providers.FindChat(deployment.ProviderKind) is not ITokenCounter counter)
        {
            return GatewayError.InvalidRequest(
                $"The provider behind the model `{context.Model}` ({deployment.ProviderKind}) cannot count tokens.", "model", "count_tokens_unsupported");
        }

        if (dialect.Parse(context.Body.Span, requireMaxTokens: false, out var parseError) is not { } request)
        {
            return parseError;
        }

        var result = await counter.CountTokensAsync(request, deployment, context.Aborted);
        if (result.Error is { } error)
        {
            return error;
        }

        await WriteCountAsync(context, result.Value!.InputTokens);
        return null;
    }

    private static async Task WriteCountAsync(GatewayContext context, int inputTokens)
    {
        using var buffer = new PooledBufferWriter(64);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("input_tokens", inputTokens);
            w.WriteEndObject();
        }

        var response = context.Http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.ContentLength = buffer.WrittenCount;
        context.BodyWritten(buffer.WrittenSpan);
        await response.Body.WriteAsync(buffer.WrittenMemory, context.Aborted);
    }
}
