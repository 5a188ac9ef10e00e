using Switchyard.ControlPlane;
using Switchyard.DataPlane;
using Switchyard.Portal;
using Switchyard.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddControlPlane();
builder.AddDataPlane();
builder.AddPortal();
builder.AddSwitchyardMessaging();

var app = builder.Build();
app.MapControlPlane();
app.MapDataPlane();
app.MapPortal();
app.Run();
