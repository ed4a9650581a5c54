export type Theme = 'light' | 'dark';

/**
 * Keeps `host[data-theme]` in step with the page: `detect` reads the site's own setting
 * (GitHub's `data-color-mode` on <html>), falling back to the system's. Stops on abort.
 */
export function followTheme(host: HTMLElement, detect: (prefersDark: boolean) => Theme, signal: AbortSignal): void {
  const media = matchMedia('(prefers-color-scheme: dark)');
  const apply = () => host.setAttribute('data-theme', detect(media.matches));
  apply();
  media.addEventListener('change', apply, { signal });
  const observer = new MutationObserver(apply);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-color-mode', 'data-theme', 'class'] });
  signal.addEventListener('abort', () => observer.disconnect());
}
