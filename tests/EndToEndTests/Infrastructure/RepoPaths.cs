namespace Switchyard.EndToEndTests.Infrastructure;

/// <summary>Locates the repository and the build output of each Switchyard process.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Release or Debug: whichever this test assembly was built as.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>Path of a part's dll, e.g. <c>Assembly("Host")</c> → src/Host/bin/Release/net10.0/Switchyard.Host.dll.</summary>
    public static string Assembly(string project) =>
        Path.Combine(Root, "src", project, "bin", Configuration, "net10.0", $"Switchyard.{project}.dll");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Platform.sln not found above " + AppContext.BaseDirectory);
    }
}
