using Switchyard.DataPlane;
using Switchyard.ServiceDefaults;
using Switchyard.ServiceDefaults.Hosting;
using Switchyard.ServiceDefaults.Messaging;

var builder = SwitchyardHost.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddDataPlane();
builder.AddSwitchyardMessaging();

var app = builder.Build();
app.MapDataPlane();
app.Run();
