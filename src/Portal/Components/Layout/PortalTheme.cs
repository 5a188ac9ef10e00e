using MudBlazor;

namespace Switchyard.Portal.Components.Layout;

internal static class PortalTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#2f5d8a",
            Secondary = "#d9822b",
            AppbarBackground = "#1f3b57",
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "220px" },
    };
}
