import { useState } from 'preact/hooks';
import type { Template } from '@@/shared/protocol/flows';
import { Button } from '@/components/Button';
import { providerName } from '../common/provider-name';
import { InstallForm } from './InstallForm';

/** One template: what it does, which connections it needs, and Install. */
export function TemplateCard({ template: t }: { template: Template }) {
  const [installing, setInstalling] = useState(false);
  const needs = [...new Set(t.configVars.flatMap((v) => (v.type === 'connection' ? [providerName(v.provider)] : [])))];
  return (
    <li class="card stack" data-testid="template-card" data-template-id={t.id}>
      <div class="row-head">
        <strong class="card-title" data-testid="template-name">
          {t.name}
        </strong>
        <span class="row">
          {t.category && <span class="badge neutral">{t.category}</span>}
          <span class="badge neutral">{t.source === 'builtin' ? 'Built in' : `Yours, v${t.version}`}</span>
        </span>
      </div>
      {t.description && <p class="muted">{t.description}</p>}
      <p class="small">
        {t.flows.length === 1 ? '1 flow' : `${t.flows.length} flows`}
        {needs.length > 0 && ` · needs ${needs.join(', ')}`}
      </p>
      <div>
        <Button variant="primary" testid="template-install" onClick={() => setInstalling(true)}>
          Install
        </Button>
      </div>
      {installing && <InstallForm template={t} onCancel={() => setInstalling(false)} />}
    </li>
  );
}
