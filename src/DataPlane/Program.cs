using Switchyard.DataPlane;
using Switchyard.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddDataPlane();
builder.AddSwitchyardMessaging();

var app = builder.Build();
app.MapDataPlane();
app.Run();
