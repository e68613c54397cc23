"use client";

import { useState } from "react";
import { onDemand, preloadOn } from "@/components/forms/on-demand";
import { GatedButton } from "@/components/permissions/gated-button";
import type { CreateApiKeyDialogProps } from "./create-api-key-dialog";
import type { LinkApiKeyDialogProps } from "./link-api-key-dialog";

const CreateApiKeyDialog = onDemand<CreateApiKeyDialogProps>(
  () => import("./create-api-key-dialog").then((m) => m.CreateApiKeyDialog),
  (props) => props.open,
);
const LinkApiKeyDialog = onDemand<LinkApiKeyDialogProps>(
  () => import("./link-api-key-dialog").then((m) => m.LinkApiKeyDialog),
  (props) => props.open,
);

/** The API Keys page's two buttons; each dialog's form arrives when it is first opened. */
export function ApiKeyListActions({
  allowed,
  allowWritePolicies,
  people,
  organization,
  organizationSlug,
}: {
  allowed: boolean;
  allowWritePolicies: boolean;
  people: CreateApiKeyDialogProps["people"];
  organization: string;
  organizationSlug: string;
}) {
  const [creating, setCreating] = useState(false);
  const [linking, setLinking] = useState(false);
  return (
    <>
      <GatedButton
        allowed={allowed}
        reason="You must be an Administrator to link API keys."
        role="administrator"
        variant="outline"
        {...preloadOn(LinkApiKeyDialog)}
        onClick={() => setLinking(true)}
      >
        Link existing API key
      </GatedButton>
      <GatedButton
        allowed={allowed}
        reason="You must be an Administrator to create API keys."
        role="administrator"
        data-main-control
        {...preloadOn(CreateApiKeyDialog)}
        onClick={() => setCreating(true)}
      >
        Create API key
      </GatedButton>
      <LinkApiKeyDialog
        open={linking}
        onOpenChange={setLinking}
        allowWritePolicies={allowWritePolicies}
        organizationSlug={organizationSlug}
      />
      <CreateApiKeyDialog
        open={creating}
        onOpenChange={setCreating}
        allowWritePolicies={allowWritePolicies}
        people={people}
        organization={organization}
      />
    </>
  );
}
