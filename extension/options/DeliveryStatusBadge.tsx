import type { DeliveryStatus } from '@@/shared/protocol';

const looks: Record<DeliveryStatus, { label: string; tone: string }> = {
  accepted: { label: 'Accepted', tone: 'active' },
  duplicate: { label: 'Duplicate', tone: 'neutral' },
  rejected: { label: 'Rejected', tone: 'error' },
  unrouted: { label: 'Unrouted', tone: 'expired' },
};

/** Green accepted, grey duplicate, red rejected, amber unrouted (no connection or endpoint took it). */
export function DeliveryStatusBadge({ status }: { status: DeliveryStatus }) {
  const look = looks[status] ?? { label: status, tone: 'neutral' };
  return (
    <span class={`badge ${look.tone}`} data-testid="delivery-status">
      {look.label}
    </span>
  );
}
