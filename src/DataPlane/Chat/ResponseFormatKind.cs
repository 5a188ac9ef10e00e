namespace Switchyard.DataPlane.Chat;

public enum ResponseFormatKind
{
    Text,
    JsonObject,
    JsonSchema,
}
