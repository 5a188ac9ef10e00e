namespace Switchyard.DataPlane.Chat;

/// <summary>What went wrong, independent of dialect; each dialect maps it to its status and error type.</summary>
public enum GatewayErrorKind
{
    /// <summary>400: the request is malformed or cannot be served (also context length exceeded, content filtered).</summary>
    InvalidRequest,

    /// <summary>401: the caller's virtual key is missing, unknown, revoked or expired.</summary>
    Authentication,

    /// <summary>403: the key may not do this.</summary>
    Permission,

    /// <summary>404: unknown model or URL.</summary>
    NotFound,

    /// <summary>413: the body is over the limit.</summary>
    RequestTooLarge,

    /// <summary>429: a rate limit or quota; <see cref="GatewayError.RetryAfter"/> tells when to retry.</summary>
    RateLimit,

    /// <summary>The provider is overloaded (Anthropic 529; OpenAI callers get 503).</summary>
    Overloaded,

    /// <summary>503: the gateway itself cannot serve yet (no configuration).</summary>
    Unavailable,

    /// <summary>500: a bug in the gateway.</summary>
    Server,

    /// <summary>502: the provider failed, was unreachable, rejected the gateway's credentials, or answered nonsense.</summary>
    Upstream,

    /// <summary>504: the provider did not answer in time.</summary>
    Timeout,

    /// <summary>402: the key's tenant is suspended by the platform's billing (a payment failed and its grace period ended).</summary>
    PaymentRequired,
}
