CREATE TABLE "access_log_rollups" (
	"organization_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"api_key_id" uuid,
	"credential_kind" text,
	"credential_id" text,
	"access_code_prefix" text,
	"status_class" smallint NOT NULL,
	"requests" integer NOT NULL,
	CONSTRAINT "access_log_rollups_bucket" UNIQUE NULLS NOT DISTINCT("organization_id","hour","api_key_id","credential_kind","credential_id","access_code_prefix","status_class")
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "access_log_retention_days" integer DEFAULT 365 NOT NULL;--> statement-breakpoint
ALTER TABLE "access_log_rollups" ADD CONSTRAINT "access_log_rollups_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_log_rollups_key_hour_idx" ON "access_log_rollups" USING btree ("organization_id","api_key_id","hour");--> statement-breakpoint
CREATE INDEX "access_log_rollups_credential_hour_idx" ON "access_log_rollups" USING btree ("organization_id","credential_kind","credential_id","hour");