using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Switchyard.ControlPlane.Infrastructure.DataProtection;

/// <summary>
/// Encrypts the secret part of each Data Protection key (its master key) with the current key-encryption key, AES-256-GCM,
/// before the key ring is written to the database. The stored element names the KEK by id, never the key itself:
/// <c>&lt;switchyardKeyWrap kid="…" alg="A256GCM"&gt;&lt;value&gt;nonce|tag|ciphertext (base64)&lt;/value&gt;&lt;/switchyardKeyWrap&gt;</c>.
/// </summary>
public sealed class KeyRingXmlEncryptor(KeyEncryptionKey key) : IXmlEncryptor
{
    /// <summary>The element that holds an encrypted key (public: tests and tools look for it).</summary>
    public const string ElementName = "switchyardKeyWrap";
    internal const string Algorithm = "A256GCM";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var output = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(key.Key, TagSize))
        {
            aes.Encrypt(nonce, plaintext, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), AssociatedData(key.Id));
        }

        CryptographicOperations.ZeroMemory(plaintext);
        var element = new XElement(ElementName,
            new XAttribute("kid", key.Id),
            new XAttribute("alg", Algorithm),
            new XComment(" Encrypted with a Switchyard key-encryption key (DataProtection:KeyEncryptionKey[File]). "),
            new XElement("value", Convert.ToBase64String(output)));
        return new EncryptedXmlInfo(element, typeof(KeyRingXmlDecryptor));
    }

    /// <summary>Binds the ciphertext to its purpose and key id.</summary>
    internal static byte[] AssociatedData(string keyId) => Encoding.UTF8.GetBytes("Switchyard.DataProtection.KeyRing.v1|" + keyId);

    internal static XElement Decrypt(XElement encryptedElement, KeyEncryptionKey key)
    {
        var data = Convert.FromBase64String((string?)encryptedElement.Element("value") ?? throw new CryptographicException("The encrypted key has no value."));
        if (data.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The encrypted key is truncated.");
        }

        var plaintext = new byte[data.Length - NonceSize - TagSize];
        try
        {
            using (var aes = new AesGcm(key.Key, TagSize))
            {
                aes.Decrypt(data.AsSpan(0, NonceSize), data.AsSpan(NonceSize + TagSize), data.AsSpan(NonceSize, TagSize), plaintext, AssociatedData(key.Id));
            }

            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
