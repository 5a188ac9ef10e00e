using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchyard.ControlPlane.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class GovernancePolicies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PolicyIds",
                table: "VirtualKeys",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UseCase",
                table: "VirtualKeys",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Findings",
                table: "UsageRecords",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "DefaultPolicyId",
                table: "Tenants",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PolicyIds",
                table: "Teams",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Region",
                table: "RouteDeployments",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ApprovedModels",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProviderKind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    UpstreamModel = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Regions = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApprovedModels", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Policies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Dlp = table.Column<string>(type: "text", nullable: true),
                    Guardrails = table.Column<string>(type: "text", nullable: true),
                    UseCases = table.Column<string>(type: "text", nullable: true),
                    StreamHoldBack = table.Column<int>(type: "integer", nullable: true),
                    Regions = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Policies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Policies_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApprovedModels_ProviderKind_UpstreamModel",
                table: "ApprovedModels",
                columns: new[] { "ProviderKind", "UpstreamModel" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Policies_TenantId_Name",
                table: "Policies",
                columns: new[] { "TenantId", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApprovedModels");

            migrationBuilder.DropTable(
                name: "Policies");

            migrationBuilder.DropColumn(
                name: "PolicyIds",
                table: "VirtualKeys");

            migrationBuilder.DropColumn(
                name: "UseCase",
                table: "VirtualKeys");

            migrationBuilder.DropColumn(
                name: "Findings",
                table: "UsageRecords");

            migrationBuilder.DropColumn(
                name: "DefaultPolicyId",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "PolicyIds",
                table: "Teams");

            migrationBuilder.DropColumn(
                name: "Region",
                table: "RouteDeployments");
        }
    }
}
