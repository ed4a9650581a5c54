import { render } from 'preact';
import { ComposeApp } from '@/compose/ComposeApp';
import { panelCss } from '@/overlays/core/ui/panel-css';

// The same components and styles as the in-page panels, in a shadow root of their own.
const host = document.getElementById('app')!;
const shadow = host.attachShadow({ mode: 'open' });
const style = document.createElement('style');
style.textContent = panelCss;
shadow.append(style);
const container = document.createElement('div');
container.className = 'weft';
shadow.append(container);
const dark = matchMedia('(prefers-color-scheme: dark)');
const theme = () => host.setAttribute('data-theme', dark.matches ? 'dark' : 'light');
theme();
dark.addEventListener('change', theme);
render(<ComposeApp draftId={new URLSearchParams(location.search).get('draft') ?? ''} />, container);
