using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.ControlPlane.Features.Usage;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Messages;

namespace Switchyard.ControlPlane.Tests.Features.Audit;

/// <summary>Usage records with audit data as a node sends them, and their ingestion.</summary>
internal static class AuditTestData
{
    public static List<UsageRecord> Records(Guid tenantId, int count, string mode = AuditModes.Full, string node = "node-1")
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-1);
        var team = Guid.CreateVersion7();
        var key = Guid.CreateVersion7();
        return Enumerable.Range(0, count).Select(i =>
        {
            var request = Encoding.UTF8.GetBytes($$$"""{"model":"mock-gpt","messages":[{"role":"user","content":"question {{{i}}} from [EMAIL]"}]}""");
            var response = Encoding.UTF8.GetBytes($$$"""{"choices":[{"message":{"content":"answer {{{i}}}"}}]}""");
            var audit = new UsageAudit(
                mode, Convert.ToHexStringLower(SHA256.HashData(request)), Convert.ToHexStringLower(SHA256.HashData(response)), request.Length, response.Length,
                mode == AuditModes.Full ? request : null, mode == AuditModes.Full ? response : null);
            return new UsageRecord(
                Guid.CreateVersion7(start.AddMilliseconds(i)), start.AddMilliseconds(i).AddTicks(7), node, tenantId, team, key, "chat.completions",
                i % 2 == 0 ? "mock-gpt" : "mock-claude", null, null, "mock", "mock-gpt-1", false, 10 + i, 5, 200, null, 12.5, null,
                CostMicros: 100 + i,
                Findings: i == 1 ? [new UsageFinding("pii", "email", 1, "redact")] : null,
                Audit: audit);
        }).ToList();
    }

    public static async Task<UsageIngestResult> IngestAsync(ControlPlaneTestHost host, IReadOnlyList<UsageRecord> records, string node = "node-1")
    {
        await using var scope = host.CreateScope();
        var ingestor = scope.ServiceProvider.GetRequiredService<UsageIngestor>();
        return await ingestor.IngestAsync(new UsageBatchReported(Guid.NewGuid(), node, records), CancellationToken.None);
    }
}
