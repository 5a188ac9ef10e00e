namespace Switchyard.DataPlane.Chat;

public enum ContentPartKind
{
    Text,

    /// <summary>An image, either by URL (<see cref="ContentPart.Url"/>) or inline (<see cref="ContentPart.MediaType"/> + <see cref="ContentPart.Data"/>).</summary>
    Image,

    /// <summary>A document (e.g. PDF) given inline or by URL.</summary>
    Document,
}
