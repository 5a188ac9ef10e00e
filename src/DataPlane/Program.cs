using Switchyard.DataPlane;
using Switchyard.ServiceDefaults.Hosting;
using Switchyard.ServiceDefaults.Messaging;

var builder = SwitchyardHost.CreateBuilder(args);
builder.AddDataPlane();
builder.AddSwitchyardMessaging();

var app = builder.Build();
app.MapDataPlane();
app.Run();
