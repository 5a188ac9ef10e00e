using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchyard.ControlPlane.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PricingCostAndAttribution : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AllowRequestTags",
                table: "VirtualKeys",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Metadata",
                table: "VirtualKeys",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Tags",
                table: "VirtualKeys",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "CacheWriteTokens",
                table: "UsageRecords",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "CachedInputTokens",
                table: "UsageRecords",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "CostMicros",
                table: "UsageRecords",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<bool>(
                name: "Estimated",
                table: "UsageRecords",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "PriceVersion",
                table: "UsageRecords",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ReasoningTokens",
                table: "UsageRecords",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Tags",
                table: "UsageRecords",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ModelPrices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProviderKind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ModelPrefix = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    InputPerMTok = table.Column<decimal>(type: "TEXT", precision: 18, scale: 6, nullable: false),
                    OutputPerMTok = table.Column<decimal>(type: "TEXT", precision: 18, scale: 6, nullable: false),
                    CachedInputPerMTok = table.Column<decimal>(type: "TEXT", precision: 18, scale: 6, nullable: true),
                    CacheWritePerMTok = table.Column<decimal>(type: "TEXT", precision: 18, scale: 6, nullable: true),
                    ReasoningPerMTok = table.Column<decimal>(type: "TEXT", precision: 18, scale: 6, nullable: true),
                    EmbeddingInputPerMTok = table.Column<decimal>(type: "TEXT", precision: 18, scale: 6, nullable: true),
                    EffectiveFrom = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelPrices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TenantPricing",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DiscountPercent = table.Column<decimal>(type: "TEXT", precision: 9, scale: 4, nullable: true),
                    ModelPrices = table.Column<string>(type: "text", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TenantPricing", x => x.TenantId);
                    table.ForeignKey(
                        name: "FK_TenantPricing_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ModelPrices_ModelPrefix_EffectiveFrom",
                table: "ModelPrices",
                columns: new[] { "ModelPrefix", "EffectiveFrom" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ModelPrices");

            migrationBuilder.DropTable(
                name: "TenantPricing");

            migrationBuilder.DropColumn(
                name: "AllowRequestTags",
                table: "VirtualKeys");

            migrationBuilder.DropColumn(
                name: "Metadata",
                table: "VirtualKeys");

            migrationBuilder.DropColumn(
                name: "Tags",
                table: "VirtualKeys");

            migrationBuilder.DropColumn(
                name: "CacheWriteTokens",
                table: "UsageRecords");

            migrationBuilder.DropColumn(
                name: "CachedInputTokens",
                table: "UsageRecords");

            migrationBuilder.DropColumn(
                name: "CostMicros",
                table: "UsageRecords");

            migrationBuilder.DropColumn(
                name: "Estimated",
                table: "UsageRecords");

            migrationBuilder.DropColumn(
                name: "PriceVersion",
                table: "UsageRecords");

            migrationBuilder.DropColumn(
                name: "ReasoningTokens",
                table: "UsageRecords");

            migrationBuilder.DropColumn(
                name: "Tags",
                table: "UsageRecords");
        }
    }
}
