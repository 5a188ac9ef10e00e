using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchyard.ControlPlane.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TeamNormalizedNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Teams_TenantId_Name",
                table: "Teams");

            migrationBuilder.AddColumn<string>(
                name: "NormalizedName",
                table: "Teams",
                type: "character varying(240)",
                maxLength: 240,
                nullable: false,
                defaultValue: "");

            // Existing teams get their folded names. Of teams whose names clashed in case before they were compared this way,
            // the one with the smallest id (the oldest) keeps its folded name and the others get their id appended, so the
            // unique index can be built; renaming such a team folds its name again.
            migrationBuilder.Sql("""UPDATE "Teams" SET "NormalizedName" = upper("Name");""");
            migrationBuilder.Sql("""
                UPDATE "Teams" SET "NormalizedName" = "NormalizedName" || ' ' || "Id"
                WHERE EXISTS (SELECT 1 FROM "Teams" AS "Other" WHERE "Other"."TenantId" = "Teams"."TenantId"
                    AND "Other"."NormalizedName" = "Teams"."NormalizedName" AND "Other"."Id" < "Teams"."Id");
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Teams_TenantId_NormalizedName",
                table: "Teams",
                columns: new[] { "TenantId", "NormalizedName" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Teams_TenantId_NormalizedName",
                table: "Teams");

            migrationBuilder.DropColumn(
                name: "NormalizedName",
                table: "Teams");

            migrationBuilder.CreateIndex(
                name: "IX_Teams_TenantId_Name",
                table: "Teams",
                columns: new[] { "TenantId", "Name" },
                unique: true);
        }
    }
}
