CREATE TYPE "public"."personal_key_revoke_reason" AS ENUM('turned_off', 'regenerated', 'cleared');--> statement-breakpoint
CREATE TABLE "personal_api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"key_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revoked_by_id" uuid,
	"revoked_by_label" text,
	"revoke_reason" "personal_key_revoke_reason",
	CONSTRAINT "personal_api_keys_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
ALTER TABLE "personal_api_keys" ADD CONSTRAINT "personal_api_keys_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personal_api_keys" ADD CONSTRAINT "personal_api_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personal_api_keys" ADD CONSTRAINT "personal_api_keys_revoked_by_id_users_id_fk" FOREIGN KEY ("revoked_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "personal_api_keys_one_live_per_user_idx" ON "personal_api_keys" USING btree ("user_id") WHERE "personal_api_keys"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "personal_api_keys_org_user_created_idx" ON "personal_api_keys" USING btree ("organization_id","user_id","created_at" DESC NULLS LAST);