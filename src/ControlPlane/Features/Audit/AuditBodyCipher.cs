using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;

namespace Switchyard.ControlPlane.Features.Audit;

/// <summary>
/// Encrypts audit bodies with the tenant's data key (<see cref="AuditDataKey"/>, made on first use, wrapped by Data
/// Protection): AES-256-GCM, a random 96-bit nonce per body, the entry id as associated data (a body moved to another
/// entry does not decrypt). Stored as nonce ‖ tag ‖ ciphertext. One instance per scope caches unwrapped keys.
/// </summary>
public sealed class AuditBodyCipher(IDataProtectionProvider provider, TimeProvider time)
{
    public const string Purpose = "Switchyard.ControlPlane.AuditDataKeys.v1";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);
    private readonly Dictionary<Guid, (Guid Id, byte[] Key)> _keys = [];

    /// <summary>The tenant's data key; made (and added to <paramref name="db"/>, saved by the caller's transaction) when it has none.</summary>
    public async Task<(Guid Id, byte[] Key)> KeyForAsync(ControlPlaneDbContext db, Guid tenantId, CancellationToken cancellationToken)
    {
        if (_keys.TryGetValue(tenantId, out var cached))
        {
            return cached;
        }

        if (db.Database.IsNpgsql())
        {
            // Two control planes making the tenant's first key take turns; the second finds the first's.
            var lockKey = AuditChains.LockKey(tenantId, "data-key", "");
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock({lockKey})", cancellationToken);
        }

        var stored = db.Set<AuditDataKey>().Local.FirstOrDefault(k => k.TenantId == tenantId)
                     ?? await db.Set<AuditDataKey>().FirstOrDefaultAsync(k => k.TenantId == tenantId, cancellationToken);
        if (stored is null)
        {
            var fresh = RandomNumberGenerator.GetBytes(32);
            stored = new AuditDataKey { TenantId = tenantId, Id = Guid.CreateVersion7(), WrappedKey = _protector.Protect(Convert.ToBase64String(fresh)), CreatedAt = time.GetUtcNow() };
            db.Set<AuditDataKey>().Add(stored);
        }

        var key = (stored.Id, Convert.FromBase64String(_protector.Unprotect(stored.WrappedKey)));
        _keys[tenantId] = key;
        return key;
    }

    public static byte[] Encrypt(byte[] key, Guid entryId, ReadOnlySpan<byte> plaintext)
    {
        var output = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), entryId.ToByteArray());
        return output;
    }

    /// <summary>The plaintext; null when the data key is gone (deleted) or the ciphertext was altered.</summary>
    public async Task<byte[]?> DecryptAsync(ControlPlaneDbContext db, Guid tenantId, Guid? keyId, Guid entryId, byte[]? ciphertext, CancellationToken cancellationToken)
    {
        if (ciphertext is null || keyId is null || ciphertext.Length < NonceSize + TagSize)
        {
            return null;
        }

        var stored = await db.Set<AuditDataKey>().AsNoTracking().FirstOrDefaultAsync(k => k.TenantId == tenantId, cancellationToken);
        if (stored is null || stored.Id != keyId)
        {
            return null;
        }

        var key = Convert.FromBase64String(_protector.Unprotect(stored.WrappedKey));
        var plaintext = new byte[ciphertext.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(ciphertext.AsSpan(0, NonceSize), ciphertext.AsSpan(NonceSize + TagSize), ciphertext.AsSpan(NonceSize, TagSize), plaintext, entryId.ToByteArray());
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }
}
