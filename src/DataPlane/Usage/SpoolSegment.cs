using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Switchyard.DataPlane.Audit;
using Switchyard.Shared;
using Switchyard.Shared.Messages;

namespace Switchyard.DataPlane.Usage;

/// <summary>
/// Spool segment files: <c>{id}.open</c> while written, <c>{id}.seg</c> once closed (ready to publish).
/// Ids are UUID v7, so name order is time order. One JSON usage record per line; a record carrying audit bodies is
/// sealed (<see cref="AuditSpoolCipher"/>).
/// </summary>
public static class SpoolSegment
{
    public const string OpenExtension = ".open";
    public const string ClosedExtension = ".seg";

    /// <summary>Segments left open by a crash or an unclean stop (renamed to closed at the next start).</summary>
    public static string[] ListOpen(string directory) =>
        Directory.Exists(directory) ? Directory.GetFiles(directory, "*" + OpenExtension) : [];

    /// <summary>Closed segments, oldest first.</summary>
    public static string[] ListClosed(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var files = Directory.GetFiles(directory, "*" + ClosedExtension);
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }

    /// <summary>
    /// Reads every whole record, opening sealed lines with <paramref name="cipher"/>; a torn or corrupt line (crash
    /// mid-write), or a sealed one that does not open, is skipped.
    /// </summary>
    public static List<UsageRecord> Read(string path, out int skipped, SpoolFileSystem? files = null, AuditSpoolCipher? cipher = null)
    {
        var records = new List<UsageRecord>();
        skipped = 0;
        foreach (var line in files?.ReadLines(path) ?? File.ReadLines(path, Encoding.UTF8))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                var record = AuditSpoolCipher.IsSealed(line)
                    ? JsonSerializer.Deserialize<UsageRecord>((cipher ?? throw new CryptographicException("no spool key")).Open(line), SwitchyardJson.Options)
                    : JsonSerializer.Deserialize<UsageRecord>(line, SwitchyardJson.Options);
                if (record is not null)
                {
                    records.Add(record);
                }
            }
            catch (Exception ex) when (ex is JsonException or CryptographicException or FormatException)
            {
                skipped++;
            }
        }

        return records;
    }

    /// <summary>The batch id of part <paramref name="index"/> of a segment: stable across retries and restarts.</summary>
    public static Guid BatchId(string segmentPath, int index)
    {
        var name = Path.GetFileNameWithoutExtension(segmentPath);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{name}/{index}"), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // version 8 (custom)
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(hash[..16], bigEndian: true);
    }
}
