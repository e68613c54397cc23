ALTER TABLE "personal_api_keys" ADD COLUMN "revoked_by_keyward" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Keys that Keyward cleared on a leak report before the column existed: their audit event names Keyward as the actor.
UPDATE "personal_api_keys" AS k SET "revoked_by_keyward" = true
WHERE k."revoke_reason" = 'cleared' AND k."revoked_by_id" IS NULL AND EXISTS (
  SELECT 1 FROM "audit_events" AS e
  WHERE e."organization_id" = k."organization_id" AND e."target_type" = 'personal_api_key' AND e."target_id" = k."id"::text
    AND e."action" = 'personal_api_key.cleared' AND e."actor_type" = 'system'
);
