import { describe, expect, it } from 'vitest';
import { filterIntegrations } from './search';

const list = [
  { name: 'Urgent bugs to Slack', description: 'Posts every new issue labelled urgent.', category: 'Engineering', labels: ['github', 'slack'] },
  { name: 'Deal won', description: 'A note on the company.', category: 'Sales', labels: ['hubspot'] },
  { name: 'Café digest', description: null, category: null, labels: [] },
];
const names = (q: string) => filterIntegrations(list, q).map((i) => i.name);

describe('searching integrations', () => {
  it('matches name, description, category and label, every word somewhere', () => {
    expect(names('urgent')).toEqual(['Urgent bugs to Slack']);
    expect(names('company')).toEqual(['Deal won']);
    expect(names('sales')).toEqual(['Deal won']);
    expect(names('hubspot')).toEqual(['Deal won']);
    expect(names('engineering github')).toEqual(['Urgent bugs to Slack']);
    expect(names('engineering hubspot')).toEqual([]);
  });

  it('ignores case and accents; an empty query lists all', () => {
    expect(names('CAFE')).toEqual(['Café digest']);
    expect(names('  ')).toHaveLength(3);
  });
});
