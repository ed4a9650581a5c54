import { render } from 'preact';
import { OptionsApp } from '@/options/OptionsApp';
import '@/options/options.css';

render(<OptionsApp />, document.getElementById('app')!);
