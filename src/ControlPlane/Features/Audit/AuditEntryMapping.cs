using System.Text.Json;
using Switchyard.Shared;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Messages;

namespace Switchyard.ControlPlane.Features.Audit;

/// <summary>Stored audit entries as the API shows them.</summary>
public static class AuditEntryMapping
{
    public static AuditRequestEntryDto ToDto(this AuditRequestEntry e) => new(
        e.Id, e.Timestamp, e.NodeId, e.Sequence, e.TeamId, e.KeyId, e.Endpoint, e.Model, e.DeploymentId, e.ProviderKind, e.UpstreamModel,
        e.Stream, e.StatusCode, e.ErrorCode, e.PromptTokens, e.CompletionTokens, e.CostMicros,
        e.Findings is null ? null : JsonSerializer.Deserialize<List<UsageFinding>>(e.Findings, SwitchyardJson.Options),
        e.Mode, e.RequestSha256, e.ResponseSha256, e.RequestBytes, e.ResponseBytes, e.RequestBody is not null || e.ResponseBody is not null,
        e.PreviousHash, e.Hash);

    public static AuditAdminEntryDto ToDto(this AuditAdminEntry e) => new(
        e.Id, e.Timestamp, e.Sequence, e.Actor, e.Action, e.Method, e.Path, e.ObjectType, e.ObjectId,
        e.Changes is null ? null : JsonSerializer.Deserialize<JsonElement>(e.Changes),
        e.SourceAddress, e.StatusCode, e.PreviousHash, e.Hash, e.Outcome);
}
