import type { WebhookDelivery } from "@/db/schema";

/**
 * The one vocabulary for a delivery's state, used by the webhooks table, the delivery log and the API (public
 * names: never rename). The database keeps a shorter status; a pending delivery that has been attempted is
 * Retrying, so "pending" there never shows a receiver's error code as if nothing had happened yet.
 */
export const DELIVERY_STATES = ["pending", "retrying", "delivered", "failed", "skipped"] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export const DELIVERY_STATE_LABELS = {
  pending: "Pending",
  retrying: "Retrying",
  delivered: "Delivered",
  failed: "Failed",
  skipped: "Skipped (Off)",
} as const satisfies Record<DeliveryState, string>;

/** What each state means, for the API reference and tooltips. */
export const DELIVERY_STATE_MEANINGS: Record<DeliveryState, string> = {
  pending: "Queued, not attempted yet.",
  retrying: "Attempted and refused or unreachable; another attempt is scheduled.",
  delivered: "The receiver answered 2xx.",
  failed: "Every scheduled attempt failed (or the receiver answered 410 Gone); Resend queues it again.",
  skipped: "Not sent: the webhook was Off when its turn came.",
};

/** The state of a delivery from its stored status and how many attempts it has had. */
export function deliveryState(delivery: { status: WebhookDelivery["status"]; attempts: number }): DeliveryState {
  switch (delivery.status) {
    case "pending":
      return delivery.attempts > 0 ? "retrying" : "pending";
    case "succeeded":
      return "delivered";
    default:
      return delivery.status;
  }
}

/** "Retrying (500)": the state, with the receiver's last status code when there is one. */
export function describeDeliveryState(state: DeliveryState, statusCode: number | null): string {
  return statusCode ? `${DELIVERY_STATE_LABELS[state]} (${statusCode})` : DELIVERY_STATE_LABELS[state];
}
