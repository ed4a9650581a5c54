import type { WebhookEndpoint } from '@@/shared/protocol';
import { useRemote } from '@/hooks/use-remote';
import { api } from '@/lib/api';

export type Webhooks = ReturnType<typeof useWebhooks>;

/** The custom webhook endpoints, shared by their own section and the deliveries (which name them). */
export function useWebhooks() {
  const { data, setData, error, loading, reload } = useRemote(() => api.webhooks(), []);
  const endpoints = data?.endpoints;

  function added(endpoint: WebhookEndpoint) {
    setData((current) => ({ endpoints: [endpoint, ...(current?.endpoints ?? []).filter((e) => e.id !== endpoint.id)] }));
  }
  function deleted(id: string) {
    setData((current) => current && { endpoints: current.endpoints.filter((e) => e.id !== id) });
  }
  const nameOf = (id: string | null) => (id ? endpoints?.find((e) => e.id === id)?.name : undefined);

  return { endpoints, error, loading, reload, added, deleted, nameOf };
}
