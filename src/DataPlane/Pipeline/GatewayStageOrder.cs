namespace Switchyard.DataPlane.Pipeline;

/// <summary>
/// The positions of the request stages. Gaps leave room: a new capability is one stage class registered at its
/// position. Usage accounting is not a request stage but an <see cref="IResponseListener"/>: it runs when the request
/// is over, whichever stage ended it.
/// </summary>
public static class GatewayStageOrder
{
    /// <summary>Readiness and the virtual key (headers only: an unauthenticated body is never read).</summary>
    public const int Authenticate = 100;

    /// <summary>Read the body within the size limit and extract what the stages need (model, stream).</summary>
    public const int Parse = 200;

    /// <summary>May this key use this model (route exists, allowed models, tenant policies)?</summary>
    public const int Authorize = 300;

    /// <summary>Rate limits, concurrency and budgets.</summary>
    public const int Limit = 400;

    /// <summary>Input guardrails and data-loss prevention.</summary>
    public const int GuardInput = 500;

    /// <summary>Choose the deployment.</summary>
    public const int Route = 600;

    /// <summary>Send to the provider and relay the answer (terminal).</summary>
    public const int Forward = 700;
}
