using Switchyard.ControlPlane.Features.Scim;

namespace Switchyard.ControlPlane.Tests.Features.Scim;

public sealed class ScimFilterTests
{
    [Theory]
    [InlineData("userName eq \"ada@contoso.test\"", "username", "ada@contoso.test")]
    [InlineData("externalId eq \"0a21\"", "externalid", "0a21")]
    [InlineData("displayName eq \"Analytical Engines\"", "displayname", "Analytical Engines")]
    [InlineData("emails[type eq \"work\"].value eq \"ada@contoso.test\"", "emails.value", "ada@contoso.test")]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:User:userName EQ \"a\\\"b\"", "username", "a\"b")]
    [InlineData("active eq True", "active", "true")]
    [InlineData("members[value eq \"42\"]", "members.value", "42")]
    public void Parse_FiltersIdentityProvidersSend_OneCondition(string filter, string attribute, string value)
    {
        var condition = Assert.Single(ScimFilter.Parse(filter));

        Assert.Equal(new ScimFilterCondition(attribute, value), condition);
    }

    [Fact]
    public void Parse_IdAndMembers_TwoConditions()
    {
        var conditions = ScimFilter.Parse("id eq \"g1\" and members[value eq \"u1\"]");

        Assert.Equal([new ScimFilterCondition("id", "g1"), new ScimFilterCondition("members.value", "u1")], conditions);
    }

    [Theory]
    [InlineData("userName co \"ada\"")]
    [InlineData("userName eq \"ada\" or userName eq \"bob\"")]
    [InlineData("userName eq \"ada")]
    [InlineData("userName eq")]
    [InlineData("userName eq ada")]
    [InlineData("members[value eq \"1\"")]
    public void Parse_Unsupported_InvalidFilter(string filter)
    {
        var error = Assert.Throws<ScimException>(() => ScimFilter.Parse(filter));

        Assert.Equal(400, error.Status);
        Assert.Equal("invalidFilter", error.ScimType);
    }
}
