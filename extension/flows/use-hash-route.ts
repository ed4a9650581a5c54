import { useEffect, useState } from 'preact/hooks';
import { hrefOf, parseRoute, type FlowsRoute } from './route';

/** The screen the hash names, followed as it changes (links, back and forward). */
export function useHashRoute(): FlowsRoute {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const follow = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  return route;
}

export function navigate(route: FlowsRoute): void {
  location.hash = hrefOf(route);
}
