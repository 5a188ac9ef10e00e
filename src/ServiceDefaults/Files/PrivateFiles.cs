namespace Switchyard.ServiceDefaults.Files;

/// <summary>
/// Files and directories that hold secrets or tenants' data: readable by the owning user only (files 0600, directories
/// 0700 on Unix). New ones are created with that mode from the first byte (no window in which they are world-readable);
/// <see cref="Restrict"/> tightens a file that an older version wrote with the process umask. On Windows the
/// inherited ACLs of the directory apply and these calls behave like their <see cref="File"/> counterparts.
/// </summary>
public static class PrivateFiles
{
    /// <summary>0600.</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>0700.</summary>
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// Creates the directory and every missing parent 0700. An existing directory keeps its mode: it may be one the
    /// operator chose and shares; the files Switchyard writes into it are 0600 regardless.
    /// </summary>
    public static DirectoryInfo CreateDirectory(string path)
    {
        var full = Path.GetFullPath(path);
        if (OperatingSystem.IsWindows() || Directory.Exists(full))
        {
            return Directory.CreateDirectory(full);
        }

        // Directory.CreateDirectory(path, mode) gives the mode to the last directory only; missing parents are created here first.
        var missing = new Stack<string>();
        for (var current = full; current is not null && !Directory.Exists(current); current = Path.GetDirectoryName(current))
        {
            missing.Push(current);
        }

        DirectoryInfo? created = null;
        while (missing.TryPop(out var directory))
        {
            created = Directory.CreateDirectory(directory, DirectoryMode);
        }

        return created ?? new DirectoryInfo(full);
    }

    /// <summary>Opens a file for writing; when the call creates it, it is created 0600.</summary>
    public static FileStream OpenWrite(string path, FileMode mode, FileShare share = FileShare.None, int bufferSize = 4096, FileOptions options = FileOptions.None)
    {
        var streamOptions = new FileStreamOptions
        {
            Mode = mode,
            Access = FileAccess.Write,
            Share = share,
            BufferSize = bufferSize,
            Options = options,
        };
        if (!OperatingSystem.IsWindows())
        {
            streamOptions.UnixCreateMode = FileMode;
        }

        return new FileStream(path, streamOptions);
    }

    /// <summary>Writes a new file (0600) or replaces an existing one atomically (write to a private temp file, then rename).</summary>
    public static void WriteAllText(string path, string contents)
    {
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            using (var stream = OpenWrite(temp, System.IO.FileMode.CreateNew))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(contents);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>A file holding 32 random bytes (base64), created 0600 on first use; an existing one is tightened to 0600.</summary>
    public static string LoadOrCreateSecretFile(string path)
    {
        if (File.Exists(path))
        {
            Restrict(path);
            return path;
        }

        WriteAllText(path, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        return path;
    }

    /// <summary>Takes group and other permissions away from an existing file (no-op when it is missing or already private).</summary>
    public static void Restrict(string path)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path))
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & GroupOrOther) != 0)
        {
            File.SetUnixFileMode(path, mode & ~GroupOrOther);
        }
    }

    /// <summary>True when nobody but the owner may read or write the file (always true on Windows).</summary>
    public static bool IsPrivate(string path) =>
        OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & GroupOrOther) == 0;
}
