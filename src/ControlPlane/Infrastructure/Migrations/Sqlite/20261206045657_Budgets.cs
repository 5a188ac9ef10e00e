using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchyard.ControlPlane.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Budgets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Budget",
                table: "VirtualKeys",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Budget",
                table: "Tenants",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TimeZone",
                table: "Tenants",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Budget",
                table: "Teams",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "BudgetAlerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PeriodKey = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ThresholdPercent = table.Column<int>(type: "INTEGER", nullable: false),
                    SpentMicros = table.Column<long>(type: "INTEGER", nullable: false),
                    AmountMicros = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    WebhookStatus = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    WebhookAttempts = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BudgetAlerts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BudgetSettings",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WebhookUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BudgetSettings", x => x.TenantId);
                });

            migrationBuilder.CreateTable(
                name: "BudgetSpend",
                columns: table => new
                {
                    Scope = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PeriodKey = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SpentMicros = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BudgetSpend", x => new { x.Scope, x.OwnerId, x.PeriodKey });
                });

            migrationBuilder.CreateIndex(
                name: "IX_BudgetAlerts_Scope_OwnerId_PeriodKey_ThresholdPercent",
                table: "BudgetAlerts",
                columns: new[] { "Scope", "OwnerId", "PeriodKey", "ThresholdPercent" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BudgetAlerts_TenantId_CreatedAt",
                table: "BudgetAlerts",
                columns: new[] { "TenantId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_BudgetAlerts_WebhookStatus",
                table: "BudgetAlerts",
                column: "WebhookStatus");

            migrationBuilder.CreateIndex(
                name: "IX_BudgetSpend_TenantId",
                table: "BudgetSpend",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BudgetAlerts");

            migrationBuilder.DropTable(
                name: "BudgetSettings");

            migrationBuilder.DropTable(
                name: "BudgetSpend");

            migrationBuilder.DropColumn(
                name: "Budget",
                table: "VirtualKeys");

            migrationBuilder.DropColumn(
                name: "Budget",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "TimeZone",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "Budget",
                table: "Teams");
        }
    }
}
