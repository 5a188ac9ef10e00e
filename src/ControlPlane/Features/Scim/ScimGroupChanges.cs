using System.Text.Json.Nodes;

namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>
/// What a SCIM request asks to change on a group: its <c>displayName</c> and <c>externalId</c>, and its members as an
/// ordered list of steps, from a whole resource (POST, PUT: the members become exactly those given) or a PatchOp (Entra
/// ID's <c>{"op":"Add","path":"members","value":[{"value":"…"}]}</c>, Okta's
/// <c>{"op":"remove","path":"members[value eq \"…\"]"}</c>, replace with or without a path).
/// </summary>
public sealed class ScimGroupChanges
{
    private readonly List<(ScimMemberStep Step, IReadOnlyList<Guid> Ids)> _memberSteps = [];

    public string? DisplayName { get; private set; }
    public bool ExternalIdGiven { get; private set; }
    public string? ExternalId { get; private set; }

    public IReadOnlyList<(ScimMemberStep Step, IReadOnlyList<Guid> Ids)> MemberSteps => _memberSteps;

    /// <summary>A whole group (POST, PUT): <c>displayName</c> is required; absent <c>members</c> means none.</summary>
    public static ScimGroupChanges FromResource(JsonObject resource)
    {
        var changes = new ScimGroupChanges { ExternalIdGiven = true };
        changes._memberSteps.Add((ScimMemberStep.Replace, []));
        foreach (var (key, value) in resource)
        {
            changes.Set("replace", key, value);
        }

        if (string.IsNullOrWhiteSpace(changes.DisplayName))
        {
            throw ScimException.InvalidValue("The displayName attribute is required.");
        }

        return changes;
    }

    public static ScimGroupChanges FromPatch(IEnumerable<ScimPatchOperation> operations)
    {
        var changes = new ScimGroupChanges();
        foreach (var operation in operations)
        {
            foreach (var (path, value) in operation.Targets())
            {
                changes.Set(operation.Op, path, value);
            }
        }

        return changes;
    }

    private void Set(string op, string path, JsonNode? value)
    {
        var stripped = ScimJson.WithoutCoreSchema(path, ScimGroupResource.GroupSchema);
        switch (ScimFilter.Canonical(stripped))
        {
            case "displayname":
                if (op == "remove")
                {
                    throw new ScimException(StatusCodes.Status400BadRequest, "mutability", "The displayName attribute cannot be removed.");
                }

                DisplayName = ScimJson.String(value, "displayName")?.Trim();
                break;
            case "externalid":
                ExternalIdGiven = true;
                ExternalId = op == "remove" ? null : ScimJson.String(value, "externalId")?.Trim();
                break;
            case "members.value":
                SetMembers(op, stripped, value);
                break;
        }
    }

    private void SetMembers(string op, string path, JsonNode? value)
    {
        var open = path.IndexOf('[', StringComparison.Ordinal);
        if (open >= 0)
        {
            // members[value eq "…"]: the filter names the member.
            var close = path.LastIndexOf(']');
            var filter = ScimFilter.ParseConjunction(close > open ? path[(open + 1)..close] : "");
            if (filter is not [{ Attribute: "value", Value: { } id }])
            {
                throw new ScimException(StatusCodes.Status400BadRequest, "invalidPath", $"'{path}' does not name a member as members[value eq \"…\"].");
            }

            _memberSteps.Add((op == "remove" ? ScimMemberStep.Remove : ScimMemberStep.Add, [ParseId(id)]));
            return;
        }

        if (op == "remove" && value is null)
        {
            _memberSteps.Add((ScimMemberStep.Replace, []));
            return;
        }

        var step = op switch { "add" => ScimMemberStep.Add, "remove" => ScimMemberStep.Remove, _ => ScimMemberStep.Replace };
        _memberSteps.Add((step, Ids(value)));
    }

    /// <summary>Member ids from <c>[{"value":"…"}]</c>, one <c>{"value":"…"}</c>, or a bare id.</summary>
    private static List<Guid> Ids(JsonNode? value) => value switch
    {
        null => [],
        JsonArray items => [.. items.SelectMany(Ids)],
        JsonObject item => [ParseId(ScimJson.String(ScimJson.Get(item, "value"), "members.value"))],
        JsonValue => [ParseId(ScimJson.String(value, "members.value"))],
        _ => [],
    };

    private static Guid ParseId(string? id) =>
        Guid.TryParse(id, out var parsed) ? parsed : throw ScimException.InvalidValue($"'{id}' is not the id of a user.");
}
