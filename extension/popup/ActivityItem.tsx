import type { WeftEvent } from '@@/shared/protocol';
import { activityText } from '@/lib/events/activity-text';
import { httpUrl } from '@/lib/http-url';
import { relativeTime } from '@/lib/relative-time';

type Props = { event: WeftEvent; providerName: string; now: number };

/** One event: what happened (a link when it has an http(s) URL), who, where and when. All text. */
export function ActivityItem({ event, providerName, now }: Props) {
  const { actor } = event.summary;
  const url = httpUrl(event.summary.url);
  const text = activityText(event, providerName) ?? event.summary.title;
  return (
    <li class="card activity-item" data-testid="activity-item" data-event-id={event.id} data-type={event.type}>
      <div class="activity-title" title={text}>
        {url ? (
          <a href={url} target="_blank" rel="noopener noreferrer" data-testid="activity-link">
            {text}
          </a>
        ) : (
          <span>{text}</span>
        )}
      </div>
      <p class="meta">
        {actor && (
          <>
            <span data-testid="activity-actor">{actor}</span>
            <span aria-hidden="true"> · </span>
          </>
        )}
        <span>{providerName}</span>
        <span aria-hidden="true"> · </span>
        <time dateTime={event.createdAt} title={new Date(event.createdAt).toLocaleString()}>
          {relativeTime(event.createdAt, now)}
        </time>
      </p>
    </li>
  );
}
