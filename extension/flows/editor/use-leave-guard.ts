import { useEffect } from 'preact/hooks';
import { parseRoute } from '../route';

/**
 * While the draft has unsaved edits: closing the tab asks first (beforeunload), and so does
 * a link that leaves this integration's page (the list, templates, a run), which would
 * drop the editor and its edits. Its own tabs (Versions, Instances, Runs) keep the editor.
 */
export function useLeaveGuard(dirty: boolean, integrationId: string): void {
  useEffect(() => {
    if (!dirty) return;
    const ask = (e: BeforeUnloadEvent) => e.preventDefault();
    const onClick = (e: MouseEvent) => {
      const link = (e.target as Element | null)?.closest?.('a[href^="#"]');
      if (!link) return;
      const to = parseRoute(link.getAttribute('href')!);
      if (to.page === 'integration' && to.id === integrationId) return;
      if (!confirm('Leave without saving? Your changes to the draft will be lost.')) e.preventDefault();
    };
    addEventListener('beforeunload', ask);
    document.addEventListener('click', onClick, true);
    return () => {
      removeEventListener('beforeunload', ask);
      document.removeEventListener('click', onClick, true);
    };
  }, [dirty, integrationId]);
}
