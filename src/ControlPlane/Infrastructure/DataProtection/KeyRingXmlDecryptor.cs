using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Switchyard.ControlPlane.Infrastructure.DataProtection;

/// <summary>
/// Decrypts what <see cref="KeyRingXmlEncryptor"/> wrote, with the current or the previous key-encryption key (by id).
/// Data Protection creates it by the type name stored in the key ring, through this constructor: keep the name stable.
/// </summary>
public sealed class KeyRingXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var id = (string?)encryptedElement.Attribute("kid");
        var keys = services.GetService(typeof(KeyEncryptionKeys)) as KeyEncryptionKeys;
        if (id is null || keys?.Find(id) is not { } key)
        {
            throw new CryptographicException(
                $"The Data Protection key ring entry is encrypted with key-encryption key '{id}', which is not configured. " +
                "Set DataProtection:KeyEncryptionKeyFile (or DataProtection:PreviousKeyEncryptionKeyFile during a rotation) to that key.");
        }

        return KeyRingXmlEncryptor.Decrypt(encryptedElement, key);
    }
}
