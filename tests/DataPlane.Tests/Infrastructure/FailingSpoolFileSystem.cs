using System.Collections.Concurrent;
using Switchyard.DataPlane.Usage;

namespace Switchyard.DataPlane.Tests.Infrastructure;

/// <summary>
/// The real spool file system, with switches that make it fail like a full or broken disk: a write that gets half its
/// bytes onto the disk and then fails with ENOSPC, a failing fsync, rename or read.
/// </summary>
internal sealed class FailingSpoolFileSystem : SpoolFileSystem
{
    public volatile bool FailWrites;
    public volatile bool FailFsync;
    public volatile bool FailMoves;

    /// <summary>Segment file names whose reads fail.</summary>
    public ConcurrentDictionary<string, bool> FailReads { get; } = new();

    public override Stream CreateSegment(string path)
    {
        if (FailWrites)
        {
            throw DiskFull();
        }

        return new FailingStream(this, base.CreateSegment(path));
    }

    public override void FlushToDisk(Stream segment)
    {
        if (FailFsync)
        {
            throw new IOException("Input/output error");
        }

        base.FlushToDisk(((FailingStream)segment).Inner);
    }

    public override void Move(string from, string to)
    {
        if (FailMoves)
        {
            throw new IOException("Input/output error");
        }

        base.Move(from, to);
    }

    public override IEnumerable<string> ReadLines(string path) =>
        FailReads.ContainsKey(Path.GetFileName(path)) ? throw new IOException("Input/output error") : base.ReadLines(path);

    private static IOException DiskFull() => new("No space left on device", unchecked((int)0x8007001C));

    private sealed class FailingStream(FailingSpoolFileSystem files, Stream inner) : Stream
    {
        public Stream Inner => inner;

        public override bool CanRead => false;

        public override bool CanSeek => inner.CanSeek;

        public override bool CanWrite => true;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => inner.Position = value; }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (files.FailWrites)
            {
                // Part of the data reached the disk before it filled up: a torn last line.
                inner.Write(buffer[..(buffer.Length / 2)]);
                throw DiskFull();
            }

            inner.Write(buffer);
        }

        public override void Flush() => inner.Flush();

        public override void SetLength(long value) => inner.SetLength(value);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
