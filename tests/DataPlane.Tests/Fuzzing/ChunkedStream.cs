namespace Switchyard.DataPlane.Tests.Fuzzing;

/// <summary>
/// A read-only stream that hands out its bytes in the given chunk sizes (one read never crosses a chunk), as a network
/// body arrives in packets; then the end of the stream.
/// </summary>
internal sealed class ChunkedStream(byte[] data, IReadOnlyList<int> sizes) : Stream
{
    private int _position;
    private int _chunk;
    private int _leftInChunk;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => data.Length;
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    /// <summary>Random chunk sizes for <paramref name="length"/> bytes: mostly tiny, sometimes all at once.</summary>
    public static int[] Plan(Random random, int length)
    {
        // Tiny chunks only for inputs of modest size: readers that rescan a partial line per read would make a huge
        // input in 1-byte chunks a CPU test rather than a correctness test.
        var style = length <= 16 * 1024 ? random.Next(5) : random.Next(2) == 0 ? 0 : 5;
        var sizes = new List<int>();
        for (var left = length; left > 0;)
        {
            var size = style switch
            {
                0 => left,
                1 => 1,
                2 => random.Next(1, 4),
                3 => random.Next(1, 17),
                4 => random.Next(1, 300),
                _ => random.Next(256, 4097),
            };
            size = Math.Min(size, left);
            sizes.Add(size);
            left -= size;
        }

        return [.. sizes];
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_position >= data.Length || buffer.Length == 0)
        {
            return ValueTask.FromResult(0);
        }

        if (_leftInChunk <= 0)
        {
            _leftInChunk = _chunk < sizes.Count ? sizes[_chunk++] : data.Length - _position;
        }

        var count = Math.Min(Math.Min(_leftInChunk, buffer.Length), data.Length - _position);
        data.AsSpan(_position, count).CopyTo(buffer.Span);
        _position += count;
        _leftInChunk -= count;
        return ValueTask.FromResult(count);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
