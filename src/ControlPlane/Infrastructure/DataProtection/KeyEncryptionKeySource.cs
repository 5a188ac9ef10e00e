using Switchyard.ServiceDefaults.Files;

namespace Switchyard.ControlPlane.Infrastructure.DataProtection;

/// <summary>Reads one key-encryption key from its value or file setting, with an error naming the setting when it is unusable.</summary>
internal static class KeyEncryptionKeySource
{
    /// <returns>The secret text, or null when neither setting is given (<paramref name="error"/> is then null too).</returns>
    public static string? Read(string? value, string? file, string valueSetting, string fileSetting, out string? error)
    {
        error = null;
        var hasValue = !string.IsNullOrWhiteSpace(value);
        var hasFile = !string.IsNullOrWhiteSpace(file);
        if (hasValue && hasFile)
        {
            error = $"Set either {valueSetting} or {fileSetting}, not both.";
            return null;
        }

        string secret;
        if (hasFile)
        {
            var path = Path.GetFullPath(file!);
            if (!File.Exists(path))
            {
                error = $"{fileSetting}: the file '{path}' does not exist.";
                return null;
            }

            if (!PrivateFiles.IsPrivate(path))
            {
                error = $"{fileSetting}: the file '{path}' may be read by other users; make it readable by its owner only (chmod 600).";
                return null;
            }

            secret = File.ReadAllText(path).Trim();
        }
        else if (hasValue)
        {
            secret = value!.Trim();
        }
        else
        {
            return null;
        }

        if (secret.Length < KeyEncryptionKey.MinimumSecretLength)
        {
            error = $"{(hasFile ? fileSetting : valueSetting)} must hold at least {KeyEncryptionKey.MinimumSecretLength} characters of random text (e.g. `openssl rand -base64 32`).";
            return null;
        }

        return secret;
    }
}
