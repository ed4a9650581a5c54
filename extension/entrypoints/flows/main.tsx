import { render } from 'preact';
import { FlowsApp } from '@/flows/FlowsApp';
import '@/flows/flows.css';

render(<FlowsApp />, document.getElementById('app')!);
