import { useEffect, useState } from 'preact/hooks';
import type { OutboxItemView } from '@/lib/outbox/types';
import { background, watchOutboxItem } from '../background';

/** One outbox item as the background reports its changes (null until the first word). */
export function useOutboxItem(id: string | null): OutboxItemView | null {
  const [item, setItem] = useState<OutboxItemView | null>(null);
  useEffect(() => {
    setItem(null);
    if (id === null) return;
    const stop = watchOutboxItem(id, setItem);
    // In case it changed before this listened.
    void background.outboxItems([id]).then(([current]) => current && setItem((seen) => seen ?? current), () => undefined);
    return stop;
  }, [id]);
  return item;
}
