using System.Text.Json.Nodes;
using Switchyard.Shared.Admin;

namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>
/// What a SCIM request asks to change on a user, from a whole resource (POST, PUT) or a PatchOp. Only the attributes a
/// member has are kept: <c>userName</c>, the primary or work email, <c>externalId</c>, <c>active</c>, <c>name.givenName</c>,
/// <c>name.familyName</c>, <c>displayName</c> and <c>roles</c> (<see cref="ScimRoles"/>); others, such as
/// <c>name.formatted</c> or the enterprise extension, are accepted and ignored. A whole resource replaces the names (absent:
/// cleared) but leaves the role alone unless it has <c>roles</c>, so a profile push does not undo a role set elsewhere.
/// </summary>
public sealed class ScimUserChanges
{
    public const string UserSchema = "urn:ietf:params:scim:schemas:core:2.0:User";

    public string? UserName { get; private set; }
    public string? Email { get; private set; }
    public bool ExternalIdGiven { get; private set; }
    public string? ExternalId { get; private set; }
    public bool? Active { get; private set; }

    public bool GivenNameGiven { get; private set; }
    public string? GivenName { get; private set; }
    public bool FamilyNameGiven { get; private set; }
    public string? FamilyName { get; private set; }
    public bool DisplayNameGiven { get; private set; }
    public string? DisplayName { get; private set; }

    /// <summary>Whether the role is set: to <see cref="Role"/>, or (null) back to the default role.</summary>
    public bool RoleGiven { get; private set; }
    public MemberRole? Role { get; private set; }

    /// <summary>Roles removed by value: the member goes back to the default role if theirs is among them.</summary>
    public IReadOnlyCollection<MemberRole> RemovedRoles => _removedRoles;

    private readonly HashSet<MemberRole> _removedRoles = [];

    /// <summary>A whole user (POST, PUT); <c>userName</c> is required.</summary>
    public static ScimUserChanges FromResource(JsonObject resource)
    {
        var changes = new ScimUserChanges { ExternalIdGiven = true, GivenNameGiven = true, FamilyNameGiven = true, DisplayNameGiven = true };
        foreach (var (key, value) in resource)
        {
            changes.Set(key, value, remove: false);
        }

        if (string.IsNullOrWhiteSpace(changes.UserName))
        {
            throw ScimException.InvalidValue("The userName attribute is required.");
        }

        return changes;
    }

    /// <summary>The operations of a PatchOp, in order (a later operation on the same attribute wins).</summary>
    public static ScimUserChanges FromPatch(IEnumerable<ScimPatchOperation> operations)
    {
        var changes = new ScimUserChanges();
        foreach (var operation in operations)
        {
            foreach (var (path, value) in operation.Targets())
            {
                changes.Set(path, value, operation.IsRemove);
            }
        }

        return changes;
    }

    private void Set(string path, JsonNode? value, bool remove)
    {
        var stripped = ScimJson.WithoutCoreSchema(path, UserSchema);
        var attribute = ScimFilter.Canonical(stripped);
        if (path.StartsWith("urn:", StringComparison.OrdinalIgnoreCase) && !path.StartsWith(UserSchema, StringComparison.OrdinalIgnoreCase))
        {
            return; // an extension's attribute (e.g. the enterprise user's department): not kept
        }

        switch (attribute)
        {
            case "username":
                if (remove)
                {
                    throw new ScimException(StatusCodes.Status400BadRequest, "mutability", "The userName attribute cannot be removed.");
                }

                UserName = ScimJson.String(value, "userName")?.Trim();
                break;
            case "externalid":
                ExternalIdGiven = true;
                ExternalId = remove ? null : ScimJson.String(value, "externalId")?.Trim();
                break;
            case "active":
                if (!remove)
                {
                    Active = ScimJson.Bool(value, "active");
                }

                break;
            case "emails.value":
                if (!remove && PrimaryEmail(value) is { } email)
                {
                    Email = email;
                }

                break;
            case "displayname":
                DisplayNameGiven = true;
                DisplayName = remove ? null : Name(value, "displayName");
                break;
            case "name.givenname":
                GivenNameGiven = true;
                GivenName = remove ? null : Name(value, "name.givenName");
                break;
            case "name.familyname":
                FamilyNameGiven = true;
                FamilyName = remove ? null : Name(value, "name.familyName");
                break;
            case "name":
                SetName(value, remove);
                break;
            case "roles" or "roles.value":
                SetRoles(stripped, value, remove);
                break;
        }
    }

    /// <summary>
    /// The <c>name</c> object (as Okta sends it): the sub-attributes it holds are set, others left as they are (RFC 7644
    /// §3.5.2.3; in a whole resource they start cleared). Removing <c>name</c> clears both.
    /// </summary>
    private void SetName(JsonNode? value, bool remove)
    {
        if (remove || value is null)
        {
            (GivenNameGiven, GivenName, FamilyNameGiven, FamilyName) = (true, null, true, null);
            return;
        }

        if (value is not JsonObject name)
        {
            throw ScimException.InvalidValue("The name attribute must be an object.");
        }

        if (ScimJson.Has(name, "givenName"))
        {
            (GivenNameGiven, GivenName) = (true, Name(ScimJson.Get(name, "givenName"), "name.givenName"));
        }

        if (ScimJson.Has(name, "familyName"))
        {
            (FamilyNameGiven, FamilyName) = (true, Name(ScimJson.Get(name, "familyName"), "name.familyName"));
        }
    }

    /// <summary>
    /// <c>roles</c> (a list, Okta and Entra's complex mapping), <c>roles[primary eq "True"].value</c> (Entra's single app
    /// role), and removal of all roles or of <c>roles[value eq "…"]</c>.
    /// </summary>
    private void SetRoles(string path, JsonNode? value, bool remove)
    {
        var open = path.IndexOf('[', StringComparison.Ordinal);
        var close = path.LastIndexOf(']');
        var filter = open >= 0 && close > open ? ScimFilter.ParseConjunction(path[(open + 1)..close]) : [];
        if (remove)
        {
            var removed = filter is [{ Attribute: "value", Value: { } named }] ? ScimRoles.Parse(JsonValue.Create(named)) : ScimRoles.Parse(value);
            if (removed.Count == 0)
            {
                (RoleGiven, Role) = (true, null);
            }
            else if (RoleGiven)
            {
                Role = removed.Any(r => r.Role == Role) ? null : Role;
            }
            else
            {
                _removedRoles.UnionWith(removed.Select(r => r.Role));
            }

            return;
        }

        var primary = filter is [{ Attribute: "primary", Value: { } flag }] && flag.Equals("true", StringComparison.OrdinalIgnoreCase);
        (RoleGiven, Role) = (true, ScimRoles.Choose(ScimRoles.Parse(value, primary)));
        _removedRoles.Clear();
    }

    /// <summary>A name: trimmed, empty as none, at most <see cref="ScimUsers.MaxLength"/> characters.</summary>
    private static string? Name(JsonNode? value, string attribute)
    {
        var name = ScimJson.String(value, attribute)?.Trim();
        if (name is { Length: > ScimUsers.MaxLength })
        {
            throw ScimException.InvalidValue($"The {attribute} attribute must be at most {ScimUsers.MaxLength} characters.");
        }

        return string.IsNullOrEmpty(name) ? null : name;
    }

    /// <summary>The address from an email value: a string, one email object, or the primary (else work, else first) of a list.</summary>
    private static string? PrimaryEmail(JsonNode? value) => value switch
    {
        JsonValue => ScimJson.String(value, "emails")?.Trim(),
        JsonObject email => ScimJson.String(ScimJson.Get(email, "value"), "emails.value")?.Trim(),
        JsonArray emails => PrimaryEmail(
            emails.OfType<JsonObject>().FirstOrDefault(e => ScimJson.Get(e, "primary") is JsonValue p && p.TryGetValue<bool>(out var primary) && primary)
            ?? emails.OfType<JsonObject>().FirstOrDefault(e => ScimJson.Get(e, "type") is JsonValue t && t.TryGetValue<string>(out var type)
                                                               && type.Equals("work", StringComparison.OrdinalIgnoreCase))
            ?? emails.OfType<JsonObject>().FirstOrDefault()),
        _ => null,
    };
}
