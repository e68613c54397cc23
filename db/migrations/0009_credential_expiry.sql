CREATE TYPE "public"."expiring_credential" AS ENUM('access_code', 'personal_api_key');--> statement-breakpoint
CREATE TYPE "public"."expiry_threshold" AS ENUM('14d', '3d', 'expired');--> statement-breakpoint
ALTER TYPE "public"."webhook_operation" ADD VALUE 'Expiring';--> statement-breakpoint
ALTER TYPE "public"."webhook_operation" ADD VALUE 'Expired';--> statement-breakpoint
CREATE TABLE "expiry_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"credential_type" "expiring_credential" NOT NULL,
	"credential_id" uuid NOT NULL,
	"threshold" "expiry_threshold" NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "max_personal_key_lifetime_days" integer;--> statement-breakpoint
ALTER TABLE "personal_api_keys" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "expiry_notices" ADD CONSTRAINT "expiry_notices_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "expiry_notices_once_idx" ON "expiry_notices" USING btree ("credential_type","credential_id","threshold");--> statement-breakpoint
CREATE INDEX "access_codes_expires_idx" ON "access_codes" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "personal_api_keys_live_expires_idx" ON "personal_api_keys" USING btree ("expires_at") WHERE "personal_api_keys"."revoked_at" is null;