ALTER TABLE "webhooks" ADD COLUMN "secret_hash" text;--> statement-breakpoint
ALTER TABLE "webhooks" ADD COLUMN "previous_secret_hash" text;--> statement-breakpoint
CREATE UNIQUE INDEX "webhooks_secret_hash_idx" ON "webhooks" USING btree ("secret_hash");--> statement-breakpoint
CREATE INDEX "webhooks_previous_secret_hash_idx" ON "webhooks" USING btree ("previous_secret_hash");--> statement-breakpoint
CREATE INDEX "webhooks_secret_hash_missing_idx" ON "webhooks" USING btree ("id") WHERE "webhooks"."secret_hash" is null;