using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Infrastructure.DataProtection;

/// <summary>
/// Stops the process at start when a key-encryption key setting is unusable, or when the distributed mode
/// (<c>Database:Provider=Postgres</c>) would keep the key ring unencrypted next to the credentials it protects.
/// </summary>
internal sealed class KeyRingProtectionOptionsValidator(IOptions<DatabaseOptions> database) : IValidateOptions<KeyRingProtectionOptions>
{
    private const string Prefix = KeyRingProtectionOptions.Section + ":";

    public ValidateOptionsResult Validate(string? name, KeyRingProtectionOptions options)
    {
        var errors = new List<string>();
        KeyEncryptionKeySource.Read(options.KeyEncryptionKey, options.KeyEncryptionKeyFile,
            Prefix + nameof(options.KeyEncryptionKey), Prefix + nameof(options.KeyEncryptionKeyFile), out var current);
        KeyEncryptionKeySource.Read(options.PreviousKeyEncryptionKey, options.PreviousKeyEncryptionKeyFile,
            Prefix + nameof(options.PreviousKeyEncryptionKey), Prefix + nameof(options.PreviousKeyEncryptionKeyFile), out var previous);
        if (current is not null)
        {
            errors.Add(current);
        }

        if (previous is not null)
        {
            errors.Add(previous);
        }

        var hasPrevious = !string.IsNullOrWhiteSpace(options.PreviousKeyEncryptionKey) || !string.IsNullOrWhiteSpace(options.PreviousKeyEncryptionKeyFile);
        if (hasPrevious && !options.IsConfigured)
        {
            errors.Add($"{Prefix}{nameof(options.PreviousKeyEncryptionKeyFile)} is only read during a rotation: set the new key in {Prefix}{nameof(options.KeyEncryptionKeyFile)} too.");
        }

        if (!options.IsConfigured && database.Value.IsPostgres)
        {
            errors.Add(
                $"{Prefix}{nameof(options.KeyEncryptionKeyFile)} (or {Prefix}{nameof(options.KeyEncryptionKey)}) is required with Database:Provider=Postgres: " +
                "the Data Protection key ring that encrypts provider credentials is stored in the same database and must be encrypted at rest. " +
                "Create a key with `openssl rand -base64 32 > keyring.key && chmod 600 keyring.key` and point the setting at the file (see the README).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
