using System.Net;
using Xunit;

namespace Switchyard.Testing.Scim;

/// <summary>
/// SCIM filters on names outside ASCII, written in another case than stored: user names and emails, display names and
/// group names match case-insensitively on every database (SQLite's own <c>upper()</c> folds ASCII only).
/// </summary>
public static class ScimCaseFoldingSequence
{
    public static async Task RunAsync(ScimHarness scim)
    {
        var zoe = (await scim.SendAsync(HttpMethod.Post, "/scim/v2/Users",
            """{"userName":"zoë.ñandú@bücher.test","displayName":"Zoë Ñandú","emails":[{"value":"zoë.ñandú@bücher.test","primary":true}]}""")).Id;
        var ascii = (await scim.SendAsync(HttpMethod.Post, "/scim/v2/Users", """{"userName":"zoe.nandu@bucher.test","displayName":"Zoe Nandu"}""")).Id;
        var team = (await scim.SendAsync(HttpMethod.Post, "/scim/v2/Groups", """{"displayName":"Ärzte für équipes"}""")).Id;
        await scim.SendAsync(HttpMethod.Post, "/scim/v2/Groups", """{"displayName":"Arzte fur equipes"}""");

        Assert.Equal([zoe], await IdsAsync(scim, "Users", "userName eq \"ZOË.ÑANDÚ@BÜCHER.TEST\""));
        Assert.Equal([zoe], await IdsAsync(scim, "Users", "emails.value sw \"ZOË\""));
        Assert.Equal([zoe], await IdsAsync(scim, "Users", "displayName co \"ñandú\" or displayName eq \"ZOË\""));
        Assert.Equal([ascii], await IdsAsync(scim, "Users", "userName sw \"ZOE\""));
        Assert.Equal([team], await IdsAsync(scim, "Groups", "displayName eq \"ÄRZTE FÜR ÉQUIPES\""));
        Assert.Equal([team], await IdsAsync(scim, "Groups", "displayName ew \"FÜR ÉQUIPES\""));
    }

    private static async Task<string[]> IdsAsync(ScimHarness scim, string resource, string filter) =>
        [.. (await scim.GetAsync($"/scim/v2/{resource}?excludedAttributes=members&filter=" + Uri.EscapeDataString(filter)))
            .Expect(HttpStatusCode.OK)["Resources"]!.AsArray().Select(r => (string)r!["id"]!)];
}
