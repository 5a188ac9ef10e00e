using System.Text.Json.Nodes;

namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>One operation of a SCIM PatchOp (RFC 7644 §3.5.2).</summary>
/// <param name="Op"><c>add</c>, <c>replace</c> or <c>remove</c>, lower case (Entra ID sends <c>Add</c>, <c>Replace</c>…).</param>
/// <param name="Path">The target attribute path; null when the value is an object of attributes (as Okta sends).</param>
public sealed record ScimPatchOperation(string Op, string? Path, JsonNode? Value)
{
    public bool IsRemove => Op == "remove";

    /// <summary>The operations of a PatchOp body; 400 <c>invalidSyntax</c> when it has none or one is malformed.</summary>
    public static IReadOnlyList<ScimPatchOperation> ParseAll(JsonObject body)
    {
        if (ScimJson.Get(body, "Operations") is not JsonArray operations)
        {
            throw ScimException.InvalidSyntax("A PatchOp needs an Operations array.");
        }

        var parsed = new List<ScimPatchOperation>(operations.Count);
        foreach (var node in operations)
        {
            if (node is not JsonObject operation)
            {
                throw ScimException.InvalidSyntax("Each operation must be an object.");
            }

            var op = ScimJson.String(ScimJson.Get(operation, "op"), "op")?.Trim().ToLowerInvariant();
            if (op is not ("add" or "replace" or "remove"))
            {
                throw ScimException.InvalidSyntax($"The op '{op}' is not one of add, replace, remove.");
            }

            var path = ScimJson.String(ScimJson.Get(operation, "path"), "path");
            var value = ScimJson.Get(operation, "value");
            if (string.IsNullOrWhiteSpace(path))
            {
                if (op == "remove")
                {
                    throw new ScimException(StatusCodes.Status400BadRequest, "noTarget", "A remove operation needs a path.");
                }

                if (value is not JsonObject)
                {
                    throw ScimException.InvalidSyntax($"An {op} operation without a path needs an object of attributes as its value.");
                }

                path = null;
            }

            parsed.Add(new ScimPatchOperation(op, path?.Trim(), value));
        }

        return parsed;
    }

    /// <summary>
    /// The operation as (attribute path, value) pairs: its own path and value, or, without a path, each attribute of the
    /// value object (<c>{"op":"replace","value":{"active":false}}</c> → <c>("active", false)</c>).
    /// </summary>
    public IEnumerable<(string Path, JsonNode? Value)> Targets()
    {
        if (Path is not null)
        {
            yield return (Path, Value);
            yield break;
        }

        foreach (var (key, value) in (JsonObject)Value!)
        {
            yield return (key, value);
        }
    }
}
