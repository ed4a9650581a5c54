import { Button } from '@/components/Button';
import { openFlowsPage } from '@/lib/open-flows';

/** Where flows are managed: their own page, a full tab. */
export function FlowsSection() {
  return (
    <section class="section stack" data-testid="flows-section">
      <h2>Flows</h2>
      <p class="muted">Integrations of triggered steps that the server runs for you: write them as a form or YAML, publish versions, deploy them with your connections, and read their runs.</p>
      <div>
        <Button variant="primary" testid="open-flows" onClick={() => void openFlowsPage()}>
          Open Flows
        </Button>
      </div>
    </section>
  );
}
