using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchyard.ControlPlane.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ScimNamesSsoCodesCostParts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "CacheWriteCostMicros",
                table: "UsageTagRollups",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "CachedInputCostMicros",
                table: "UsageTagRollups",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "InputCostMicros",
                table: "UsageTagRollups",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "OutputCostMicros",
                table: "UsageTagRollups",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "ReasoningCostMicros",
                table: "UsageTagRollups",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "CacheWriteCostMicros",
                table: "UsageRollups",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "CachedInputCostMicros",
                table: "UsageRollups",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "InputCostMicros",
                table: "UsageRollups",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "OutputCostMicros",
                table: "UsageRollups",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "ReasoningCostMicros",
                table: "UsageRollups",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "CacheWriteCostMicros",
                table: "UsageRecords",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "CachedInputCostMicros",
                table: "UsageRecords",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "InputCostMicros",
                table: "UsageRecords",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "OutputCostMicros",
                table: "UsageRecords",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "ReasoningCostMicros",
                table: "UsageRecords",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "CacheWriteCostMicros",
                table: "ChargebackStatementLines",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "CachedInputCostMicros",
                table: "ChargebackStatementLines",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "InputCostMicros",
                table: "ChargebackStatementLines",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "OutputCostMicros",
                table: "ChargebackStatementLines",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "ReasoningCostMicros",
                table: "ChargebackStatementLines",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "DisplayName",
                table: "AspNetUsers",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FamilyName",
                table: "AspNetUsers",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "GivenName",
                table: "AspNetUsers",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SsoHandoffCodes",
                columns: table => new
                {
                    CodeHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SsoHandoffCodes", x => x.CodeHash);
                    table.ForeignKey(
                        name: "FK_SsoHandoffCodes_AspNetUsers_MemberId",
                        column: x => x.MemberId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SsoHandoffCodes_ExpiresAt",
                table: "SsoHandoffCodes",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_SsoHandoffCodes_MemberId",
                table: "SsoHandoffCodes",
                column: "MemberId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SsoHandoffCodes");

            migrationBuilder.DropColumn(
                name: "CacheWriteCostMicros",
                table: "UsageTagRollups");

            migrationBuilder.DropColumn(
                name: "CachedInputCostMicros",
                table: "UsageTagRollups");

            migrationBuilder.DropColumn(
                name: "InputCostMicros",
                table: "UsageTagRollups");

            migrationBuilder.DropColumn(
                name: "OutputCostMicros",
                table: "UsageTagRollups");

            migrationBuilder.DropColumn(
                name: "ReasoningCostMicros",
                table: "UsageTagRollups");

            migrationBuilder.DropColumn(
                name: "CacheWriteCostMicros",
                table: "UsageRollups");

            migrationBuilder.DropColumn(
                name: "CachedInputCostMicros",
                table: "UsageRollups");

            migrationBuilder.DropColumn(
                name: "InputCostMicros",
                table: "UsageRollups");

            migrationBuilder.DropColumn(
                name: "OutputCostMicros",
                table: "UsageRollups");

            migrationBuilder.DropColumn(
                name: "ReasoningCostMicros",
                table: "UsageRollups");

            migrationBuilder.DropColumn(
                name: "CacheWriteCostMicros",
                table: "UsageRecords");

            migrationBuilder.DropColumn(
                name: "CachedInputCostMicros",
                table: "UsageRecords");

            migrationBuilder.DropColumn(
                name: "InputCostMicros",
                table: "UsageRecords");

            migrationBuilder.DropColumn(
                name: "OutputCostMicros",
                table: "UsageRecords");

            migrationBuilder.DropColumn(
                name: "ReasoningCostMicros",
                table: "UsageRecords");

            migrationBuilder.DropColumn(
                name: "CacheWriteCostMicros",
                table: "ChargebackStatementLines");

            migrationBuilder.DropColumn(
                name: "CachedInputCostMicros",
                table: "ChargebackStatementLines");

            migrationBuilder.DropColumn(
                name: "InputCostMicros",
                table: "ChargebackStatementLines");

            migrationBuilder.DropColumn(
                name: "OutputCostMicros",
                table: "ChargebackStatementLines");

            migrationBuilder.DropColumn(
                name: "ReasoningCostMicros",
                table: "ChargebackStatementLines");

            migrationBuilder.DropColumn(
                name: "DisplayName",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "FamilyName",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "GivenName",
                table: "AspNetUsers");
        }
    }
}
