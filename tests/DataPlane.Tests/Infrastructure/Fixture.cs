namespace Switchyard.DataPlane.Tests.Infrastructure;

/// <summary>Provider wire-format fixtures carried by this test project.</summary>
internal static class Fixture
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static string Text(string name) => File.ReadAllText(Path(name));

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path(name));
}
