namespace Switchyard.DataPlane.Dialects.OpenAI;

/// <summary>Checks <c>data:&lt;media type&gt;;base64,&lt;data&gt;</c> URLs as OpenAI accepts them.</summary>
internal static class DataUrl
{
    public static bool IsBase64(string url)
    {
        if (!url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var comma = url.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0 || comma == url.Length - 1)
        {
            return false;
        }

        var header = url.AsSpan(5, comma - 5);
        var slash = header.IndexOf('/');
        return slash > 0 && header.EndsWith(";base64", StringComparison.OrdinalIgnoreCase);
    }
}
