using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard.Shared;

/// <summary>The JSON settings of every Switchyard contract on the wire and on disk: web defaults, enums as strings.</summary>
public static class SwitchyardJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
