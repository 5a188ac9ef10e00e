using System.Text;
using Switchyard.ServiceDefaults.Files;

namespace Switchyard.DataPlane.Usage;

/// <summary>
/// The file operations of the usage spool, in one place so that tests can make them fail as a full or broken disk would.
/// Segments are written unbuffered: a write either reached the OS or failed, and nothing is left in a buffer that
/// could fail again (and lose records) when the file is closed.
/// </summary>
public class SpoolFileSystem
{
    public virtual Stream CreateSegment(string path) =>
        PrivateFiles.OpenWrite(path, FileMode.CreateNew, FileShare.Read, bufferSize: 0);

    /// <summary>Forces what was written to the disk itself (fsync).</summary>
    public virtual void FlushToDisk(Stream segment)
    {
        if (segment is FileStream file)
        {
            file.Flush(flushToDisk: true);
        }
        else
        {
            segment.Flush();
        }
    }

    public virtual void Move(string from, string to) => File.Move(from, to, overwrite: true);

    public virtual void Delete(string path) => File.Delete(path);

    public virtual IEnumerable<string> ReadLines(string path) => File.ReadLines(path, Encoding.UTF8);
}
