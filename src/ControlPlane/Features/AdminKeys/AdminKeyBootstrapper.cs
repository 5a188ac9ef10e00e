using Microsoft.EntityFrameworkCore;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Startup;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Keys;

namespace Switchyard.ControlPlane.Features.AdminKeys;

/// <summary>
/// Makes sure a platform admin can reach the admin API on first start: with <c>SWITCHYARD_ADMIN_KEY</c> set, that key
/// (stored as its hash); otherwise, when no admin key exists at all, a generated one printed once to the console.
/// </summary>
public sealed class AdminKeyBootstrapper(ControlPlaneDbContext db, IConfiguration configuration, TimeProvider time) : IStartupStep
{
    public const string ConfigurationKey = "SWITCHYARD_ADMIN_KEY";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var configured = configuration[ConfigurationKey];
        if (!string.IsNullOrEmpty(configured))
        {
            if (!AdminKeyFormat.IsWellFormed(configured))
            {
                throw new InvalidOperationException(
                    $"{ConfigurationKey} must start with '{AdminKeyFormat.Prefix}' and be at least {AdminKeyFormat.MinLength} characters without spaces.");
            }

            var hash = VirtualKeyHash.Compute(configured);
            if (!await db.AdminApiKeys.AnyAsync(k => k.Hash == hash, cancellationToken))
            {
                db.AdminApiKeys.Add(NewPlatformKey(configured, $"bootstrap ({ConfigurationKey})"));
                await db.SaveChangesAsync(cancellationToken);
            }

            return;
        }

        if (await db.AdminApiKeys.AnyAsync(cancellationToken))
        {
            return;
        }

        var generated = AdminKeyFormat.Generate();
        db.AdminApiKeys.Add(NewPlatformKey(generated, "bootstrap (generated)"));
        await db.SaveChangesAsync(cancellationToken);
        PrintOnce(generated);
    }

    private AdminApiKey NewPlatformKey(string key, string name) =>
        AdminApiKey.Create(key, name, tenantId: null, MemberRole.PlatformAdmin, time.GetUtcNow());

    // Deliberately the console, never the logger: the key must not end up in log storage.
    private static void PrintOnce(string key)
    {
        Console.WriteLine();
        Console.WriteLine("==================================================================");
        Console.WriteLine(" Switchyard control plane: a platform admin API key was generated.");
        Console.WriteLine(" It is shown ONCE; store it now (Authorization: Bearer <key>):");
        Console.WriteLine();
        Console.WriteLine("   " + key);
        Console.WriteLine();
        Console.WriteLine($" Set {ConfigurationKey} to choose the key yourself instead.");
        Console.WriteLine("==================================================================");
        Console.WriteLine();
    }
}
