using Microsoft.AspNetCore.Builder;

namespace Switchyard.ServiceDefaults.Hosting;

/// <summary>How every Switchyard process creates its web application builder.</summary>
public static class SwitchyardHost
{
    /// <summary>
    /// <see cref="WebApplication.CreateBuilder(string[])"/> without watching the configuration files for changes. That
    /// watch is a recursive file-system watcher on the content root, where the processes keep their data by default: every
    /// usage-spool write, snapshot save and database write would wake it (one <c>lstat</c> per write on a busy node), for a
    /// reload nothing here uses — settings are read and validated once at start.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args) =>
        WebApplication.CreateBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);
}
