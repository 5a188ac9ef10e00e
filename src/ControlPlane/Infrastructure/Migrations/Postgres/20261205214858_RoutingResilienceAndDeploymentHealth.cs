using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchyard.ControlPlane.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RoutingResilienceAndDeploymentHealth : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Attempts",
                table: "UsageRecords",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "HealthCheckIntervalSeconds",
                table: "RouteDeployments",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "InputPricePerMTok",
                table: "RouteDeployments",
                type: "numeric(18,6)",
                precision: 18,
                scale: 6,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "OutputPricePerMTok",
                table: "RouteDeployments",
                type: "numeric(18,6)",
                precision: 18,
                scale: 6,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Priority",
                table: "RouteDeployments",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Breaker",
                table: "ModelRoutes",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContentPolicyFallbacks",
                table: "ModelRoutes",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContextWindowFallbacks",
                table: "ModelRoutes",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Fallbacks",
                table: "ModelRoutes",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Retry",
                table: "ModelRoutes",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Sticky",
                table: "ModelRoutes",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Timeouts",
                table: "ModelRoutes",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DeploymentNodeHealth",
                columns: table => new
                {
                    NodeId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DeploymentId = table.Column<Guid>(type: "uuid", nullable: false),
                    RouteId = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    BreakerState = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CooldownUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LatencyMs = table.Column<double>(type: "double precision", nullable: true),
                    InFlight = table.Column<int>(type: "integer", nullable: false),
                    ErrorRate = table.Column<double>(type: "double precision", nullable: true),
                    Requests = table.Column<int>(type: "integer", nullable: false),
                    ReportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeploymentNodeHealth", x => new { x.NodeId, x.DeploymentId });
                    table.ForeignKey(
                        name: "FK_DeploymentNodeHealth_RouteDeployments_DeploymentId",
                        column: x => x.DeploymentId,
                        principalTable: "RouteDeployments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DeploymentNodeHealth_DeploymentId",
                table: "DeploymentNodeHealth",
                column: "DeploymentId");

            migrationBuilder.CreateIndex(
                name: "IX_DeploymentNodeHealth_ReportedAt",
                table: "DeploymentNodeHealth",
                column: "ReportedAt");

            migrationBuilder.CreateIndex(
                name: "IX_DeploymentNodeHealth_TenantId_RouteId",
                table: "DeploymentNodeHealth",
                columns: new[] { "TenantId", "RouteId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DeploymentNodeHealth");

            migrationBuilder.DropColumn(
                name: "Attempts",
                table: "UsageRecords");

            migrationBuilder.DropColumn(
                name: "HealthCheckIntervalSeconds",
                table: "RouteDeployments");

            migrationBuilder.DropColumn(
                name: "InputPricePerMTok",
                table: "RouteDeployments");

            migrationBuilder.DropColumn(
                name: "OutputPricePerMTok",
                table: "RouteDeployments");

            migrationBuilder.DropColumn(
                name: "Priority",
                table: "RouteDeployments");

            migrationBuilder.DropColumn(
                name: "Breaker",
                table: "ModelRoutes");

            migrationBuilder.DropColumn(
                name: "ContentPolicyFallbacks",
                table: "ModelRoutes");

            migrationBuilder.DropColumn(
                name: "ContextWindowFallbacks",
                table: "ModelRoutes");

            migrationBuilder.DropColumn(
                name: "Fallbacks",
                table: "ModelRoutes");

            migrationBuilder.DropColumn(
                name: "Retry",
                table: "ModelRoutes");

            migrationBuilder.DropColumn(
                name: "Sticky",
                table: "ModelRoutes");

            migrationBuilder.DropColumn(
                name: "Timeouts",
                table: "ModelRoutes");
        }
    }
}
