using System.Text.Json.Nodes;

namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>
/// What a SCIM request asks to change on a user, from a whole resource (POST, PUT) or a PatchOp. Only the attributes a
/// member has are kept (<c>userName</c>, the primary or work email, <c>externalId</c>, <c>active</c>); others, such as
/// <c>name</c>, <c>displayName</c> or the enterprise extension, are accepted and ignored.
/// </summary>
public sealed class ScimUserChanges
{
    public const string UserSchema = "urn:ietf:params:scim:schemas:core:2.0:User";

    public string? UserName { get; private set; }
    public string? Email { get; private set; }
    public bool ExternalIdGiven { get; private set; }
    public string? ExternalId { get; private set; }
    public bool? Active { get; private set; }

    /// <summary>A whole user (POST, PUT); <c>userName</c> is required.</summary>
    public static ScimUserChanges FromResource(JsonObject resource)
    {
        var changes = new ScimUserChanges();
        foreach (var (key, value) in resource)
        {
            changes.Set(key, value, remove: false);
        }

        if (string.IsNullOrWhiteSpace(changes.UserName))
        {
            throw ScimException.InvalidValue("The userName attribute is required.");
        }

        changes.ExternalIdGiven = true;
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
        var attribute = ScimFilter.Canonical(ScimJson.WithoutCoreSchema(path, UserSchema));
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
        }
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
