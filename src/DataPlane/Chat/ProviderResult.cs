namespace Switchyard.DataPlane.Chat;

/// <summary>A provider's answer: the value, or the error to return to the caller.</summary>
public readonly record struct ProviderResult<T>(T? Value, GatewayError? Error)
    where T : class
{
    public static implicit operator ProviderResult<T>(T value) => new(value, null);

    public static implicit operator ProviderResult<T>(GatewayError error) => new(null, error);
}
