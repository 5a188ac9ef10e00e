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
    public void ParseConjunction_FiltersIdentityProvidersSend_OneCondition(string filter, string attribute, string value)
    {
        var condition = Assert.Single(ScimFilter.ParseConjunction(filter));

        Assert.Equal(new ScimFilterCondition(attribute, value), condition);
    }

    [Fact]
    public void ParseConjunction_IdAndMembers_TwoConditions()
    {
        var conditions = ScimFilter.ParseConjunction("id eq \"g1\" and members[value eq \"u1\"]");

        Assert.Equal([new ScimFilterCondition("id", "g1"), new ScimFilterCondition("members.value", "u1")], conditions);
    }

    [Fact]
    public void Parse_OrAndParentheses_AndBindsTighterThanOr()
    {
        var parsed = ScimFilter.Parse("(userName sw \"ada\" or displayName CO \"Love\") and active eq true or emails pr");

        var expected = new ScimFilterLogical("or",
            new ScimFilterLogical("and",
                new ScimFilterLogical("or", new ScimFilterCondition("username", "ada", "sw"), new ScimFilterCondition("displayname", "Love", "co")),
                new ScimFilterCondition("active", "true")),
            new ScimFilterCondition("emails.value", null, "pr"));
        Assert.Equal(expected, parsed);
    }

    [Fact]
    public void Parse_NestedParenthesesAndUnquotedValueBeforeParenthesis_Parsed()
    {
        var parsed = ScimFilter.Parse("((active ne false))and(externalId ne null)");

        Assert.Equal(new ScimFilterLogical("and", new ScimFilterCondition("active", "false", "ne"), new ScimFilterCondition("externalid", null, "ne")), parsed);
    }

    [Theory]
    [InlineData("userName eq \"ada")]
    [InlineData("userName eq")]
    [InlineData("userName eq ada")]
    [InlineData("userName is \"ada\"")]
    [InlineData("members[value eq \"1\"")]
    [InlineData("(userName eq \"a\"")]
    [InlineData("userName eq \"a\")")]
    [InlineData("not (userName eq \"a\")")]
    [InlineData("userName eq \"a\" or")]
    public void Parse_Malformed_InvalidFilter(string filter)
    {
        var error = Assert.Throws<ScimException>(() => ScimFilter.Parse(filter));

        Assert.Equal(400, error.Status);
        Assert.Equal("invalidFilter", error.ScimType);
    }

    [Theory]
    [InlineData("displayName co \"Eng\"")]
    [InlineData("displayName eq \"a\" or displayName eq \"b\"")]
    public void ParseConjunction_OtherThanEqAndAnd_InvalidFilter(string filter)
    {
        var error = Assert.Throws<ScimException>(() => ScimFilter.ParseConjunction(filter));

        Assert.Equal("invalidFilter", error.ScimType);
    }
}
