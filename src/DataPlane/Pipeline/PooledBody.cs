using System.Buffers;

namespace Switchyard.DataPlane.Pipeline;

/// <summary>A request body held in an array rented from the shared pool; <see cref="Return"/> gives the array back once.</summary>
public readonly struct PooledBody
{
    private readonly byte[]? _buffer;

    internal PooledBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    /// <summary>False for the default value (no body read).</summary>
    public bool HasValue => _buffer is not null;

    public int Length { get; }

    public ReadOnlyMemory<byte> Memory => _buffer is null ? ReadOnlyMemory<byte>.Empty : _buffer.AsMemory(0, Length);

    public ReadOnlySpan<byte> Span => Memory.Span;

    /// <summary>Returns the array to the pool: the owner calls this once, when nothing reads the body any more.</summary>
    public void Return()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }
    }
}
