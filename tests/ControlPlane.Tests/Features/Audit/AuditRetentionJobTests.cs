using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.ControlPlane.Features.Audit;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Tests.Features.Audit;

public sealed class AuditRetentionJobTests
{
    [Fact]
    public async Task Run_OldEntries_PurgedAndChainStillVerifies()
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var tenant = await host.CreateTenantAsync("acme");
        (await host.Admin.PatchAsJsonAsync($"/api/tenants/{tenant.Id}", new UpdateTenantRequest(Audit: new AuditSettings(AuditModes.Full, RetentionDays: 30)), SwitchyardJson.Options))
            .EnsureSuccessStatusCode();
        var old = AuditTestData.Records(tenant.Id, 3).ConvertAll(r => r with { Timestamp = r.Timestamp.AddDays(-40) });
        var recent = AuditTestData.Records(tenant.Id, 2);
        await AuditTestData.IngestAsync(host, old);
        await AuditTestData.IngestAsync(host, recent);

        await using (var scope = host.CreateScope())
        {
            Assert.Equal(3, await scope.ServiceProvider.GetRequiredService<AuditRetentionJob>().RunAsync(CancellationToken.None));
        }

        var kept = await host.WithDbAsync(db => db.Set<AuditRequestEntry>().AsNoTracking().Select(e => e.Id).ToListAsync());
        Assert.Equal(recent.Select(r => r.Id).Order(), kept.Order());
        var verification = (await host.Admin.GetFromJsonAsync<AuditVerificationDto>($"/api/tenants/{tenant.Id}/audit/verify", SwitchyardJson.Options))!;
        Assert.True(verification.Valid);

        await host.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditRequestEntries\" WHERE \"Sequence\" = 4"));
        verification = (await host.Admin.GetFromJsonAsync<AuditVerificationDto>($"/api/tenants/{tenant.Id}/audit/verify", SwitchyardJson.Options))!;
        Assert.Equal("sequence gap", verification.Chains.Single(c => c.Kind == "requests").BrokenAt!.Reason);
    }
}
