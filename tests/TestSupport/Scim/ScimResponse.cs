using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Switchyard.Testing.Scim;

/// <summary>A SCIM answer: its status and JSON body (null when empty).</summary>
public sealed record ScimResponse(HttpStatusCode Status, JsonObject? Body, string Text)
{
    public JsonObject Expect(HttpStatusCode status)
    {
        Assert.True(Status == status, $"Expected {(int)status}, got {(int)Status}: {Text}");
        return Body ?? new JsonObject();
    }

    public string Id => (string)Body!["id"]!;

    /// <summary>The resources of a ListResponse.</summary>
    public JsonArray Resources => Body!["Resources"]!.AsArray();

    /// <summary>Asserts SCIM's error shape (RFC 7644 §3.12) with this status and, when given, scimType.</summary>
    public void ExpectError(HttpStatusCode status, string? scimType = null)
    {
        var body = Expect(status);
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:Error", (string?)body["schemas"]?[0]);
        Assert.Equal(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)body["status"]);
        Assert.False(string.IsNullOrEmpty((string?)body["detail"]));
        Assert.DoesNotContain(" at Switchyard.", Text, StringComparison.Ordinal);
        if (scimType is not null)
        {
            Assert.Equal(scimType, (string?)body["scimType"]);
        }
    }
}
