using Microsoft.Extensions.Options;

namespace Switchyard.ControlPlane.Infrastructure.DataProtection;

/// <summary>The configured key-encryption keys: the current one (encrypts and decrypts) and, during a rotation, the previous one.</summary>
public sealed class KeyEncryptionKeys
{
    private const string Prefix = KeyRingProtectionOptions.Section + ":";

    private readonly Dictionary<string, KeyEncryptionKey> _byId = new(StringComparer.Ordinal);

    public KeyEncryptionKeys(IOptions<KeyRingProtectionOptions> options)
    {
        var o = options.Value;
        if (Read(o.KeyEncryptionKey, o.KeyEncryptionKeyFile, nameof(o.KeyEncryptionKey), nameof(o.KeyEncryptionKeyFile)) is { } current)
        {
            Current = KeyEncryptionKey.FromSecret(current);
            _byId[Current.Id] = Current;
            if (Read(o.PreviousKeyEncryptionKey, o.PreviousKeyEncryptionKeyFile, nameof(o.PreviousKeyEncryptionKey), nameof(o.PreviousKeyEncryptionKeyFile)) is { } previous)
            {
                var key = KeyEncryptionKey.FromSecret(previous);
                _byId.TryAdd(key.Id, key);
            }
        }
    }

    /// <summary>The key new key-ring entries are encrypted with; null when key ring protection is not configured.</summary>
    public KeyEncryptionKey? Current { get; }

    public KeyEncryptionKey? Find(string id) => _byId.GetValueOrDefault(id);

    private static string? Read(string? value, string? file, string valueName, string fileName)
    {
        var secret = KeyEncryptionKeySource.Read(value, file, Prefix + valueName, Prefix + fileName, out var error);
        return error is null ? secret : throw new InvalidOperationException(error);
    }
}
