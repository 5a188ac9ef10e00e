using System.Net;

namespace Switchyard.ControlPlane.Tests.Features.Scim;

/// <summary>Users lists filtered in the database with <c>co sw ew pr ne</c>, <c>and</c>, <c>or</c> and parentheses.</summary>
public sealed class ScimUserFilterTests
{
    [Theory]
    [InlineData("userName co \"LOVE\"", "ada")]
    [InlineData("userName sw \"bob\" or userName ew \"hopper@navy.test\"", "bob grace")]
    [InlineData("emails.value ew \"@contoso.test\"", "ada bob")]
    [InlineData("emails[type eq \"work\"].value sw \"GRACE\"", "grace")]
    [InlineData("displayName co \"ace\"", "ada grace")]
    [InlineData("displayName pr", "ada grace")]
    [InlineData("externalId pr and active eq true", "ada")]
    [InlineData("externalId ne \"ext-ada\"", "bob grace")]
    [InlineData("active ne true", "bob")]
    [InlineData("(displayName co \"Ada\" or displayName co \"Grace\") and (externalId pr or active eq true)", "ada grace")]
    [InlineData("userName co \"100%_\"", "")]
    public async Task ListScimUsers_Filter_MatchingUsers(string filter, string expected)
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var scim = await ScimHosts.HarnessAsync(host);
        var ids = new Dictionary<string, string>
        {
            ["ada"] = (await scim.SendAsync(HttpMethod.Post, "/scim/v2/Users",
                """{"userName":"ada.lovelace@contoso.test","externalId":"ext-ada","displayName":"Ada Lovelace"}""")).Id,
            ["bob"] = (await scim.SendAsync(HttpMethod.Post, "/scim/v2/Users", """{"userName":"bob@contoso.test","active":false}""")).Id,
            ["grace"] = (await scim.SendAsync(HttpMethod.Post, "/scim/v2/Users", """{"userName":"grace.hopper@navy.test","displayName":"Grace Hopper"}""")).Id,
        };

        var answer = await scim.GetAsync("/scim/v2/Users?filter=" + Uri.EscapeDataString(filter));

        var found = answer.Expect(HttpStatusCode.OK)["Resources"]!.AsArray().Select(r => (string)r!["id"]!).ToHashSet();
        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(name => ids[name]).ToHashSet(), found);
    }

    [Theory]
    [InlineData("title eq \"boss\"")]
    [InlineData("userName gt \"a\"")]
    [InlineData("active co \"t\"")]
    [InlineData("active eq \"yes\"")]
    [InlineData("userName co null")]
    [InlineData("id sw \"0\"")]
    [InlineData("userName eq \"a\" or groups.value eq \"b\"")]
    public async Task ListScimUsers_UnsupportedAttributeOrOperator_InvalidFilter(string filter)
    {
        await using var host = await ControlPlaneTestHost.StartAsync();
        var scim = await ScimHosts.HarnessAsync(host);

        (await scim.GetAsync("/scim/v2/Users?filter=" + Uri.EscapeDataString(filter))).ExpectError(HttpStatusCode.BadRequest, "invalidFilter");
    }
}
