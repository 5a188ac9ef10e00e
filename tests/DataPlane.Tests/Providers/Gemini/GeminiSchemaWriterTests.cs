using System.Text.Json;
using Switchyard.DataPlane.Providers.Gemini;
using static Switchyard.DataPlane.Tests.Providers.Gemini.GeminiTestSupport;

namespace Switchyard.DataPlane.Tests.Providers.Gemini;

public class GeminiSchemaWriterTests
{
    [Fact]
    public void Write_UnsupportedKeywords_AreStripped()
    {
        var actual = Clean("""
            {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","title":"T","additionalProperties":false,"strict":true,
             "properties":{"n":{"type":"integer","default":3,"examples":[1],"minimum":0,"format":"int32"},
                           "tags":{"type":"array","items":{"type":"string","title":"Tag"},"maxItems":5}},
             "required":["n"]}
            """);

        AssertJsonEqual(Json("""
            {"type":"object","properties":{"n":{"type":"integer","minimum":0,"format":"int32"},"tags":{"type":"array","items":{"type":"string"},"maxItems":5}},
             "required":["n"]}
            """), actual);
    }

    [Fact]
    public void Write_LocalRefs_AreInlined()
    {
        var actual = Clean("""
            {"type":"object","properties":{"home":{"$ref":"#/$defs/Address"},"work":{"$ref":"#/definitions/Address"}},
             "$defs":{"Address":{"type":"object","properties":{"city":{"type":"string"}}}},
             "definitions":{"Address":{"type":"object","properties":{"city":{"type":"string"}}}}}
            """);

        var address = """{"type":"object","properties":{"city":{"type":"string"}}}""";
        AssertJsonEqual(Json($$$"""{"type":"object","properties":{"home":{{{address}}},"work":{{{address}}}}}"""), actual);
    }

    [Fact]
    public void Write_CyclicRef_IsDroppedInsteadOfRecursingForever()
    {
        var actual = Clean("""
            {"type":"object","properties":{"root":{"$ref":"#/$defs/Node"}},
             "$defs":{"Node":{"type":"object","properties":{"name":{"type":"string"},"child":{"$ref":"#/$defs/Node"}}}}}
            """);

        AssertJsonEqual(Json("""
            {"type":"object","properties":{"root":{"type":"object","properties":{"name":{"type":"string"},"child":{}}}}}
            """), actual);
    }

    [Fact]
    public void Write_NullTypesAndConst_BecomeNullableAndEnum()
    {
        var actual = Clean("""
            {"type":"object","properties":{
               "a":{"type":["string","null"]},
               "b":{"anyOf":[{"type":"integer"},{"type":"null"}]},
               "c":{"oneOf":[{"type":"string"},{"type":"number"}]},
               "d":{"const":"fixed"},
               "e":{"type":"string","format":"uri"},
               "f":{"type":"string","format":"date-time"},
               "g":{"type":["string","integer"]}}}
            """);

        AssertJsonEqual(Json("""
            {"type":"object","properties":{
               "a":{"type":"string","nullable":true},
               "b":{"anyOf":[{"type":"integer"}],"nullable":true},
               "c":{"anyOf":[{"type":"string"},{"type":"number"}]},
               "d":{"enum":["fixed"]},
               "e":{"type":"string"},
               "f":{"type":"string","format":"date-time"},
               "g":{"anyOf":[{"type":"string"},{"type":"integer"}]}}}
            """), actual);
    }

    [Theory]
    [InlineData("""{"type":"object","properties":{}}""", true)]
    [InlineData("""{"type":"object"}""", true)]
    [InlineData("""{}""", true)]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string"}}}""", false)]
    public void HasNoProperties_EmptyObjectSchemas_AreDetected(string schema, bool expected) =>
        Assert.Equal(expected, GeminiSchemaWriter.HasNoProperties(Json(schema)));

    private static JsonElement Clean(string schema)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            GeminiSchemaWriter.Write(writer, Json(schema));
        }

        return JsonDocument.Parse(stream.ToArray()).RootElement;
    }
}
