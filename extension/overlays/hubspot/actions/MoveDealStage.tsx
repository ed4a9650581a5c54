import { useState } from 'preact/hooks';
import type { HubspotContext } from '@/lib/context/types';
import { ActionForm } from '../../core/ui/ActionForm';
import { ChoiceSelect } from '../../core/ui/ChoiceSelect';

/** "Move deal stage", among the stages of the portal's pipelines. */
export function MoveDealStage({ record }: { record: HubspotContext }) {
  const [stage, setStage] = useState({ id: record.stage ?? '', label: '' });
  return (
    <ActionForm
      testid="weft-action-stage"
      title="Move deal stage"
      disabled={stage.id && stage.id !== record.stage ? null : 'Pick another stage.'}
      build={() => (stage.id ? { provider: 'hubspot', action: 'update_deal_stage', input: { id: record.id, stage: stage.id }, label: `Move ${record.name} to ${stage.label || stage.id}` } : 'Pick another stage.')}
    >
      <ChoiceSelect kind="deal_stages" label="Stage" testid="weft-action-stage-stage" value={stage.id} onChange={(id, label) => setStage({ id, label })} />
    </ActionForm>
  );
}
