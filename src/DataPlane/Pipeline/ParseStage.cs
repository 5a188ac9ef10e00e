using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Telemetry;

namespace Switchyard.DataPlane.Pipeline;

/// <summary>
/// Reads the body once into pooled memory within <see cref="GatewayRequestOptions.MaxRequestBodyBytes"/> (413
/// otherwise; 408 when the client sends it too slowly) and lets the endpoint extract what the stages need (400 naming
/// the field when it cannot).
/// </summary>
public sealed class ParseStage(IOptions<GatewayRequestOptions> options, ILogger<ParseStage> logger) : IGatewayStage
{
    private readonly long _maxBodyBytes = options.Value.MaxRequestBodyBytes;

    public string Name => "parse";

    public int Order => GatewayStageOrder.Parse;

    public async ValueTask<bool> RunAsync(GatewayContext context)
    {
        var http = context.Http;
        PooledBody body;
        try
        {
            body = await RequestBodyReader.ReadAsync(http.Request, _maxBodyBytes, context.Aborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            body = default;
        }
        catch (BadHttpRequestException ex)
        {
            // e.g. the body arrived below the server's minimum data rate: the client's problem, not a server error.
            DataPlaneLog.BadRequestBody(logger, context.Endpoint.Name, ex.StatusCode, ex.Message);
            await context.Dialect.WriteErrorAsync(http, ex.StatusCode == StatusCodes.Status408RequestTimeout
                ? new GatewayError(GatewayErrorKind.InvalidRequest, StatusCodes.Status408RequestTimeout, "The request body was not received in time.") { Code = "request_timeout" }
                : GatewayError.InvalidRequest("The request body could not be read: " + ex.Message, null, "invalid_body") with { Status = ex.StatusCode });
            return false;
        }

        if (!body.HasValue)
        {
            await context.Dialect.WriteErrorAsync(http, new GatewayError(GatewayErrorKind.RequestTooLarge, StatusCodes.Status413PayloadTooLarge,
                $"The request body exceeds the limit of {_maxBodyBytes} bytes.") { Code = "request_too_large" });
            return false;
        }

        if (context.Endpoint.Read(body.Memory, out var error) is not { } summary)
        {
            body.Return();
            await context.Dialect.WriteErrorAsync(http, error!);
            return false;
        }

        context.Parsed(body, summary);
        return true;
    }
}
