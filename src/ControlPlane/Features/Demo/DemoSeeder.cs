using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchyard.ControlPlane.Features.ApiKeys;
using Switchyard.ControlPlane.Features.Members;
using Switchyard.ControlPlane.Features.Routes;
using Switchyard.ControlPlane.Features.Teams;
using Switchyard.ControlPlane.Features.Tenants;
using Switchyard.ControlPlane.Infrastructure.Database;
using Switchyard.ControlPlane.Infrastructure.Startup;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Keys;

namespace Switchyard.ControlPlane.Features.Demo;

/// <summary>
/// With <c>Demo:Enabled</c>, seeds an empty database with a "Demo" tenant served by the mock provider, a platform admin
/// member with a generated password and a demo key (tagged <c>app:demo</c>, request tags allowed), and prints them once. The mock
/// routes are priced like gpt-4o-mini, so the demo's usage shows costs. No fixed credentials exist anywhere.
/// </summary>
public sealed class DemoSeeder(IOptions<DemoOptions> options, ControlPlaneDbContext db, UserManager<Member> userManager, TimeProvider time) : IStartupStep
{
    public const string AdminEmail = "admin@switchyard.local";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var demo = options.Value;
        if (!demo.Enabled)
        {
            return;
        }

        var gateway = demo.GatewayUrl.TrimEnd('/') + "/v1";
        if (await db.Tenants.AnyAsync(cancellationToken))
        {
            Console.WriteLine($"Switchyard demo: portal {demo.PortalUrl}  gateway {gateway}  (credentials were shown at first start)");
            return;
        }

        var now = time.GetUtcNow();
        var tenant = new Tenant { Id = Guid.CreateVersion7(), Name = "Demo", Active = true, CreatedAt = now };
        var team = new Team { Id = Guid.CreateVersion7(), TenantId = tenant.Id, Name = "Demo Team", CreatedAt = now };
        var secret = VirtualKeyHash.Generate();
        db.AddRange(tenant, team, MockRoute(tenant.Id, "mock-gpt", now), MockRoute(tenant.Id, "gpt-4o-mini", now), new VirtualKey
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenant.Id,
            TeamId = team.Id,
            Name = "Demo key",
            Hash = VirtualKeyHash.Compute(secret),
            Prefix = VirtualKeyHash.DisplayPrefix(secret),
            Status = KeyStatus.Active,
            CreatedAt = now,
            CreatedBy = "demo-seed",
            Tags = ["app:demo"],
            AllowRequestTags = true,
        });
        await db.SaveChangesAsync(cancellationToken);

        var password = GeneratePassword();
        var admin = new Member
        {
            Id = Guid.CreateVersion7(), TenantId = tenant.Id, Email = AdminEmail, UserName = AdminEmail,
            EmailConfirmed = true, Role = MemberRole.PlatformAdmin, CreatedAt = now,
        };
        var created = await userManager.CreateAsync(admin, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("Seeding the demo admin failed: " + string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        PrintBanner(demo.PortalUrl, gateway, password, secret);
    }

    public const decimal DemoInputPricePerMTok = 0.15m;
    public const decimal DemoOutputPricePerMTok = 0.60m;

    private static ModelRoute MockRoute(Guid tenantId, string publicModel, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        TenantId = tenantId,
        PublicModel = publicModel,
        Strategy = RoutingStrategies.Weighted,
        CreatedAt = now,
        Deployments =
        [
            new RouteDeployment
            {
                Id = Guid.CreateVersion7(), Position = 0, ProviderKind = ProviderKinds.Mock, UpstreamModel = "mock-gpt", Weight = 1,
                Settings = new Dictionary<string, string> { ["tokensPerSecond"] = "50" },

                // Priced like the cheap real model the mock imitates (gpt-4o-mini's list price), so the demo's usage shows costs.
                InputPricePerMTok = DemoInputPricePerMTok,
                OutputPricePerMTok = DemoOutputPricePerMTok,
            },
        ],
    };

    private static string GeneratePassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');

    // Deliberately the console, never the logger: credentials must not end up in log storage.
    private static void PrintBanner(string portal, string gateway, string password, string key)
    {
        Console.WriteLine();
        Console.WriteLine("==================================================================");
        Console.WriteLine(" Switchyard demo is ready (these credentials are shown only now)");
        Console.WriteLine($"   Portal:        {portal}");
        Console.WriteLine($"   Gateway:       {gateway}");
        Console.WriteLine($"   Admin email:   {AdminEmail}");
        Console.WriteLine($"   Admin password:{' '}{password}");
        Console.WriteLine($"   Demo key:      {key}");
        Console.WriteLine();
        Console.WriteLine($"   curl {gateway}/chat/completions \\");
        Console.WriteLine($"     -H \"Authorization: Bearer {key}\" -H \"Content-Type: application/json\" \\");
        Console.WriteLine("     -d '{\"model\":\"mock-gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}'");
        Console.WriteLine("==================================================================");
        Console.WriteLine();
    }
}
