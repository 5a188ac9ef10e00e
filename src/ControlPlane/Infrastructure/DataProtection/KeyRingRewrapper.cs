using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Infrastructure.DataProtection;

/// <summary>
/// At start, brings every stored Data Protection key under the current key-encryption key: a key still in plain XML (written
/// before protection was configured) is encrypted, and a key encrypted with the previous KEK of a rotation is re-encrypted.
/// After one start with the new KEK the previous one can be removed from the configuration. Keys protected some other
/// way (a certificate, DPAPI) are left alone. Without a KEK it only warns that the key ring is stored unencrypted.
/// </summary>
public sealed partial class KeyRingRewrapper(KeyEncryptionKeys keys, ILogger<KeyRingRewrapper> logger)
{
    private static readonly XNamespace DataProtectionNamespace = "http://schemas.asp.net/2015/03/dataProtection";
    private static readonly XName EncryptedSecret = DataProtectionNamespace + "encryptedSecret";
    private static readonly XName RequiresEncryption = DataProtectionNamespace + "requiresEncryption";
    private static readonly string DecryptorType = typeof(KeyRingXmlDecryptor).AssemblyQualifiedName!;

    /// <returns>How many stored keys were (re-)encrypted.</returns>
    public async Task<int> RewrapAsync(ControlPlaneDbContext db, CancellationToken cancellationToken)
    {
        if (keys.Current is not { } current)
        {
            LogUnprotected(logger);
            return 0;
        }

        var encryptor = new KeyRingXmlEncryptor(current);
        var changed = 0;
        foreach (var row in await db.DataProtectionKeys.ToListAsync(cancellationToken))
        {
            if (row.Xml is null)
            {
                continue;
            }

            var key = XElement.Parse(row.Xml);
            if (Rewrap(key, current, encryptor))
            {
                row.Xml = key.ToString(SaveOptions.DisableFormatting);
                changed++;
            }
        }

        if (changed > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            LogRewrapped(logger, changed, current.Id);
        }

        return changed;
    }

    private bool Rewrap(XElement key, KeyEncryptionKey current, KeyRingXmlEncryptor encryptor)
    {
        var changed = false;
        foreach (var secret in key.Descendants(EncryptedSecret).ToList())
        {
            if (secret.Elements().SingleOrDefault() is not { } wrapped
                || wrapped.Name != KeyRingXmlEncryptor.ElementName
                || (string?)wrapped.Attribute("kid") == current.Id)
            {
                continue;
            }

            var kid = (string?)wrapped.Attribute("kid") ?? "";
            var previous = keys.Find(kid) ?? throw new InvalidOperationException(
                $"A Data Protection key is encrypted with key-encryption key '{kid}', which is not configured: set it as " +
                "DataProtection:PreviousKeyEncryptionKeyFile for the start that completes the rotation.");
            secret.ReplaceWith(Wrap(encryptor, KeyRingXmlEncryptor.Decrypt(wrapped, previous)));
            changed = true;
        }

        foreach (var plain in key.Descendants().Where(e => (string?)e.Attribute(RequiresEncryption) == "true" && !e.Ancestors(EncryptedSecret).Any()).ToList())
        {
            plain.ReplaceWith(Wrap(encryptor, new XElement(plain)));
            changed = true;
        }

        return changed;
    }

    /// <summary>The shape Data Protection itself writes around an encrypted element.</summary>
    private static XElement Wrap(KeyRingXmlEncryptor encryptor, XElement plaintext) =>
        new(EncryptedSecret, new XAttribute("decryptorType", DecryptorType), encryptor.Encrypt(plaintext).EncryptedElement);

    [LoggerMessage(1, LogLevel.Warning,
        "The Data Protection key ring (which encrypts provider credentials) is stored unencrypted in the database: set DataProtection:KeyEncryptionKeyFile to protect it at rest.")]
    private static partial void LogUnprotected(ILogger logger);

    [LoggerMessage(2, LogLevel.Information, "Encrypted {Count} Data Protection key(s) with key-encryption key {KeyId}.")]
    private static partial void LogRewrapped(ILogger logger, int count, string keyId);
}
