namespace Switchyard.DataPlane.Providers.Bedrock;

/// <summary>
/// One decoded <c>application/vnd.amazon.eventstream</c> message. The reader reuses the instance: it and its payload
/// are valid until the next read.
/// </summary>
public sealed class EventStreamMessage
{
    internal List<KeyValuePair<string, object>> HeaderList { get; } = new(4);

    /// <summary>
    /// Headers in frame order. Values are <see cref="bool"/>, <see cref="sbyte"/>, <see cref="short"/>, <see cref="int"/>,
    /// <see cref="long"/>, <see cref="byte"/>[], <see cref="string"/>, <see cref="DateTimeOffset"/> or <see cref="Guid"/>.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, object>> Headers => HeaderList;

    public ReadOnlyMemory<byte> Payload { get; internal set; }

    /// <summary><c>:message-type</c>: event, exception or error.</summary>
    public string? MessageType => GetString(":message-type");

    /// <summary><c>:event-type</c>, e.g. contentBlockDelta.</summary>
    public string? EventType => GetString(":event-type");

    /// <summary><c>:exception-type</c> of an exception message, e.g. throttlingException.</summary>
    public string? ExceptionType => GetString(":exception-type");

    public object? this[string name]
    {
        get
        {
            foreach (var header in HeaderList)
            {
                if (string.Equals(header.Key, name, StringComparison.Ordinal))
                {
                    return header.Value;
                }
            }

            return null;
        }
    }

    /// <summary>A string (type 7) header's value, or null.</summary>
    public string? GetString(string name) => this[name] as string;
}
